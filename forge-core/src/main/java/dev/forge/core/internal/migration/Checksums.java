package dev.forge.core.internal.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checksums of migration sections: SHA-256 over UTF-8 text whose line endings are
 * normalised to {@code \n}, so LF and CRLF checkouts of a file agree.
 */
public final class Checksums {

	// one digest per thread: looking the algorithm up costs more than hashing a small file
	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Checksums::newDigest);

	private Checksums() {
	}

	/**
	 * Computes the checksum of a section.
	 * @param text the section's text
	 * @return 64 lower-case hex digits
	 */
	public static String sha256(String text) {
		String normalised = (text.indexOf('\r') < 0) ? text : text.replace("\r\n", "\n").replace('\r', '\n');
		return HexFormat.of().formatHex(SHA_256.get().digest(normalised.getBytes(StandardCharsets.UTF_8)));
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
		}
	}

}
