package dev.forge.core.internal.migration;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import dev.forge.core.MigrationFileException;

/**
 * Decodes a migration file's bytes as UTF-8, refusing bytes that are not: a Latin-1
 * {@code é} decoded leniently would run as U+FFFD and be stored in the database so.
 */
final class Utf8Text {

	private Utf8Text() {
	}

	/**
	 * Decodes a file.
	 * @param bytes the file's content
	 * @param location where the file is, for messages
	 * @return the text
	 * @throws MigrationFileException naming the line of the first byte that is not UTF-8
	 */
	static String decode(byte[] bytes, String location) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		// checked through a small buffer, then decoded once: a large file costs its bytes and its text
		ByteBuffer in = ByteBuffer.wrap(bytes);
		CharBuffer out = CharBuffer.allocate(Math.min(bytes.length, 8192) + 2);
		CoderResult result;
		do {
			out.clear();
			result = decoder.decode(in, out, true);
		}
		while (result.isOverflow());
		if (!result.isError()) {
			out.clear();
			result = decoder.flush(out);
		}
		if (result.isError()) {
			int offset = in.position();
			throw new MigrationFileException(location, lineAt(bytes, offset), String.format(
					"is not valid UTF-8 (byte 0x%02X at offset %d); save the file as UTF-8, the encoding FORGE reads"
							+ " migrations in", bytes[offset] & 0xFF, offset));
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static int lineAt(byte[] bytes, int offset) {
		int line = 1;
		for (int i = 0; i < offset; i++) {
			if (bytes[i] == '\n') {
				line++;
			}
		}
		return line;
	}

}
