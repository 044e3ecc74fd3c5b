package dev.forge.core.internal.script;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * Tokens of one statement kept as offsets into its text, about 13 bytes a token instead of
 * an object with a copy of its text; a {@link Token} is made when one is asked for.
 */
final class TokenList extends AbstractList<Token> implements RandomAccess {

	private static final TokenType[] TYPES = TokenType.values();

	private final String text;

	private final int base;

	private byte[] types = new byte[16];

	private int[] starts = new int[16];

	private int[] ends = new int[16];

	private int[] lines = new int[16];

	private int size;

	/**
	 * @param text the text the offsets point into
	 * @param base the offset that {@link Token#offset()} reports for the start of
	 * {@code text}
	 */
	TokenList(String text, int base) {
		this.text = text;
		this.base = base;
	}

	void add(TokenType type, int start, int end, int line) {
		if (this.size == this.starts.length) {
			int capacity = this.size + (this.size >> 1);
			this.types = Arrays.copyOf(this.types, capacity);
			this.starts = Arrays.copyOf(this.starts, capacity);
			this.ends = Arrays.copyOf(this.ends, capacity);
			this.lines = Arrays.copyOf(this.lines, capacity);
		}
		this.types[this.size] = (byte) type.ordinal();
		this.starts[this.size] = start;
		this.ends[this.size] = end;
		this.lines[this.size] = line;
		this.size++;
	}

	@Override
	public Token get(int index) {
		if (index < 0 || index >= this.size) {
			throw new IndexOutOfBoundsException(index);
		}
		return new Token(TYPES[this.types[index]], this.text.substring(this.starts[index], this.ends[index]),
				this.starts[index] + this.base, this.lines[index]);
	}

	@Override
	public int size() {
		return this.size;
	}

}
