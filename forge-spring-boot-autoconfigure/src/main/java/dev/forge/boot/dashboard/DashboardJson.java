package dev.forge.boot.dashboard;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the dashboard's answers with the application's Jackson {@link JsonMapper}. Also
 * escapes {@code <} (and the line separators JavaScript does not allow in strings), so
 * that no answer can close a {@code <script>} element, wherever a page puts it.
 */
final class DashboardJson {

	private final ObjectWriter writer;

	DashboardJson(JsonMapper mapper) {
		this.writer = mapper.writer().with(new HtmlSafeEscapes());
	}

	String write(Object value) {
		return this.writer.writeValueAsString(value);
	}

	private static final class HtmlSafeEscapes extends CharacterEscapes {

		private static final long serialVersionUID = 1L;

		private final int[] escapes;

		HtmlSafeEscapes() {
			this.escapes = standardAsciiEscapesForJSON();
			this.escapes['<'] = ESCAPE_STANDARD;
		}

		@Override
		public int[] getEscapeCodesForAscii() {
			return this.escapes;
		}

		@Override
		public SerializableString getEscapeSequence(int ch) {
			return switch (ch) {
				case '\u2028' -> new SerializedString("\\u2028");
				case '\u2029' -> new SerializedString("\\u2029");
				default -> null;
			};
		}

	}

}
