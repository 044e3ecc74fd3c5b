package dev.forge.sample;

import org.jspecify.annotations.Nullable;

/**
 * Counts the words of a text, for {@link Project#wordCount()}.
 */
final class Words {

	private Words() {
	}

	/**
	 * Counts the words of a text: runs of characters between white space.
	 * @param text the text
	 * @return the words, {@code 0} for no text
	 */
	static int count(@Nullable String text) {
		String trimmed = (text != null) ? text.strip() : "";
		return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
	}

}
