package dev.forge.core.internal.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checksums are computed a chunk at a time; they must equal the checksum of the whole text
 * with its line endings normalised, or every applied file would turn into a mismatch.
 */
class ChecksumsTests {

	private static final char[] ALPHABET = { 'a', 'b', ' ', ';', '\'', '\r', '\n', 'é', '€', '\uD83D', '\uDE00' };

	@Test
	void chunkedChecksumsEqualTheChecksumOfTheWholeNormalisedText() throws Exception {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		for (int run = 0; run < 200; run++) {
			int length = (run < 20) ? run : 8192 * (1 + random.nextInt(3)) + random.nextInt(5) - 2;
			StringBuilder text = new StringBuilder(length);
			for (int i = 0; i < length; i++) {
				text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
			}
			String whole = text.toString();
			int from = random.nextInt(Math.max(1, length / 4) + 1) % (length + 1);
			int to = Math.max(from, length - random.nextInt(Math.max(1, length / 4) + 1));

			assertThat(Checksums.sha256(whole)).as("seed %d, run %d", seed, run).isEqualTo(reference(whole));
			assertThat(Checksums.sha256(whole, from, to)).as("seed %d, run %d", seed, run)
				.isEqualTo(reference(whole.substring(from, to)));
		}
	}

	private static String reference(String text) throws Exception {
		String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8)));
	}

}
