package dev.forge.core.internal.baseline;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Flyway's checksum of a SQL migration: CRC32 over the UTF-8 bytes of each line without its
 * line ending (so LF and CRLF files agree), a leading byte order mark left out, as the
 * signed 32-bit number {@code flyway_schema_history.checksum} holds.
 */
final class FlywayChecksum {

	private FlywayChecksum() {
	}

	static int of(String text) {
		CRC32 crc = new CRC32();
		String content = (!text.isEmpty() && text.charAt(0) == '\uFEFF') ? text.substring(1) : text;
		int start = 0;
		int length = content.length();
		while (start < length) {
			int end = start;
			while (end < length && content.charAt(end) != '\n' && content.charAt(end) != '\r') {
				end++;
			}
			crc.update(content.substring(start, end).getBytes(StandardCharsets.UTF_8));
			if (end < length && content.charAt(end) == '\r' && end + 1 < length && content.charAt(end + 1) == '\n') {
				end++;
			}
			start = end + 1;
		}
		return (int) crc.getValue();
	}

}
