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

	private static final int CHUNK = 8192;

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
		return sha256(text, 0, text.length());
	}

	/**
	 * Computes the checksum of the part of a text that is a section, a chunk at a time, so
	 * that a large file is hashed without a copy of it.
	 * @param text the text
	 * @param from where the section starts
	 * @param to where it ends
	 * @return 64 lower-case hex digits
	 */
	public static String sha256(String text, int from, int to) {
		MessageDigest digest = SHA_256.get();
		digest.reset();
		if (to - from <= CHUNK) {
			// most sections: in one piece
			String section = text.substring(from, to);
			String normalised = (section.indexOf('\r') < 0) ? section
					: section.replace("\r\n", "\n").replace('\r', '\n');
			return HexFormat.of().formatHex(digest.digest(normalised.getBytes(StandardCharsets.UTF_8)));
		}
		char[] chunk = new char[CHUNK];
		int length = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c == '\r') {
				c = '\n';
				if (i + 1 < to && text.charAt(i + 1) == '\n') {
					i++;
				}
			}
			chunk[length++] = c;
			if (length == CHUNK) {
				// a surrogate pair stays in one chunk, so that it is encoded as one character
				int carried = Character.isHighSurrogate(c) ? 1 : 0;
				digest.update(new String(chunk, 0, length - carried).getBytes(StandardCharsets.UTF_8));
				chunk[0] = c;
				length = carried;
			}
		}
		digest.update(new String(chunk, 0, length).getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest.digest());
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
