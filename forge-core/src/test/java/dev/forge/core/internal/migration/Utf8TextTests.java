package dev.forge.core.internal.migration;

import java.nio.charset.StandardCharsets;

import dev.forge.core.MigrationFileException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class Utf8TextTests {

	@Test
	void validUtf8IsDecoded() {
		String text = "SELECT 'caf\u00e9', '\u65e5\u672c', '\ud83d\ude00';\n";

		assertThat(Utf8Text.decode(text.getBytes(StandardCharsets.UTF_8), "0001_x.sql")).isEqualTo(text);
	}

	@Test
	void aLatin1ByteIsReportedWithItsLine() {
		byte[] latin1 = "-- Up\n\nSELECT 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1);

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> Utf8Text.decode(latin1, "0001_x.sql"))
			.withMessageStartingWith("0001_x.sql:3: is not valid UTF-8 (byte 0xE9 at offset 18)")
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3));
	}

	@Test
	void aSequenceCutShortAtTheEndIsReported() {
		byte[] cut = { 'S', 'E', 'L', 'E', 'C', 'T', ' ', 1, '\n', (byte) 0xE6, (byte) 0x97 };

		assertThatExceptionOfType(MigrationFileException.class).isThrownBy(() -> Utf8Text.decode(cut, "0001_x.sql"))
			.withMessageStartingWith("0001_x.sql:2: is not valid UTF-8 (byte 0xE6");
	}

}
