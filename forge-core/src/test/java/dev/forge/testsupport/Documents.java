package dev.forge.testsupport;

/**
 * The seed's word-count example as SQL: a {@code documents} table whose trigger counts the
 * updates of every row in {@code updates}, so that "each row updated once" is what the table
 * says, and the backfill that fills its {@code word_count}.
 */
public final class Documents {

	/** The migration that creates the table and its trigger. */
	public static final String TABLE = """
			CREATE TABLE documents (
			    id bigint PRIMARY KEY,
			    body text NOT NULL,
			    word_count integer,
			    updates integer NOT NULL DEFAULT 0
			);
			CREATE FUNCTION count_updates() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
			    NEW.updates := OLD.updates + 1;
			    RETURN NEW;
			END $$;
			CREATE TRIGGER documents_updates BEFORE UPDATE ON documents
			    FOR EACH ROW EXECUTE FUNCTION count_updates();
			""";

	/** A backfill file's sections after its directive line: the word count, and a Down that clears it. */
	public static final String WORD_COUNT_BACKFILL = "-- Up\n"
			+ "UPDATE documents\n"
			+ "SET word_count = array_length(regexp_split_to_array(trim(body), '\\s+'), 1)\n"
			+ "WHERE word_count IS NULL;\n"
			+ "-- Down\n"
			+ "UPDATE documents SET word_count = NULL;\n";

	private Documents() {
	}

	/**
	 * Returns the statement that inserts documents {@code 1..rows}, document {@code i} with
	 * {@code i % 7 + 2} words.
	 * @param rows the rows
	 * @return the statement
	 */
	public static String insert(int rows) {
		return "INSERT INTO documents (id, body) SELECT i, repeat('word ', i % 7 + 1) || i"
				+ " FROM generate_series(1, " + rows + ") AS i";
	}

}
