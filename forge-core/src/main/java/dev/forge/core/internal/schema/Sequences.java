package dev.forge.core.internal.schema;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.forge.core.schema.Column;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.Table;

/**
 * How columns take their values from sequences, compared the same way by the differ and
 * the drift detector.
 *
 * @author FORGE
 * @since 0.1.0
 */
public final class Sequences {

	private static final Pattern NEXTVAL = Pattern.compile("nextval\\(\\s*'((?:[^']|'')+)'", Pattern.CASE_INSENSITIVE);

	private Sequences() {
	}

	/**
	 * Returns a column as PostgreSQL creates it: an identity column is {@code NOT NULL} and
	 * has no default, whatever its definition says.
	 * @param column the column
	 * @return the column as it will read back
	 */
	public static Column asCreated(Column column) {
		if (column.identity() == null || (!column.nullable() && column.defaultValue() == null)) {
			return column;
		}
		return new Column(column.name(), column.type(), false, null, column.renamedFrom(), column.identity());
	}

	/**
	 * Returns the sequences that column defaults of a schema read with {@code nextval}: a
	 * model that declares such a default uses the sequence even when it does not list it.
	 * @param schema the schema
	 * @return the sequence names, without schema
	 */
	public static Set<String> usedByDefaults(Schema schema) {
		Set<String> names = new HashSet<>();
		for (Table table : schema.tables()) {
			for (Column column : table.columns()) {
				if (column.defaultValue() != null) {
					Matcher matcher = NEXTVAL.matcher(column.defaultValue());
					while (matcher.find()) {
						names.add(unqualified(matcher.group(1).replace("''", "'")));
					}
				}
			}
		}
		return names;
	}

	private static String unqualified(String name) {
		if (name.endsWith("\"")) {
			int open = name.lastIndexOf('"', name.length() - 2);
			return name.substring(open + 1, name.length() - 1).replace("\"\"", "\"");
		}
		return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
	}

}
