package dev.forge.boot.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table for the terminal: a header row, a rule and left-aligned columns
 * separated by {@code " | "}.
 */
final class TextTable {

	private final String[] headers;

	private final List<String[]> rows = new ArrayList<>();

	TextTable(String... headers) {
		this.headers = headers;
	}

	TextTable row(String... cells) {
		if (cells.length != this.headers.length) {
			throw new IllegalArgumentException("Expected " + this.headers.length + " cells, got " + cells.length);
		}
		this.rows.add(cells);
		return this;
	}

	String render() {
		int[] widths = new int[this.headers.length];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = this.headers[i].length();
			for (String[] row : this.rows) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		StringBuilder text = new StringBuilder();
		line(text, this.headers, widths);
		String[] rule = new String[widths.length];
		for (int i = 0; i < widths.length; i++) {
			char[] dashes = new char[widths[i]];
			Arrays.fill(dashes, '-');
			rule[i] = new String(dashes);
		}
		text.append(String.join("-+-", rule)).append('\n');
		for (String[] row : this.rows) {
			line(text, row, widths);
		}
		return text.toString();
	}

	private static void line(StringBuilder text, String[] cells, int[] widths) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.length; i++) {
			if (i > 0) {
				line.append(" | ");
			}
			line.append(cells[i]);
			if (i < cells.length - 1) {
				line.append(" ".repeat(widths[i] - cells[i].length()));
			}
		}
		text.append(line.toString().stripTrailing()).append('\n');
	}

}
