package dev.forge.core;

/**
 * One generated migration file.
 *
 * @param name the migration name, the file name without {@code .sql}, such as
 * {@code 0003_20240115_103000_add_project_description}
 * @param content the file content
 * @param transactional whether the file runs in a transaction; {@code false} for a file
 * with {@code -- forge:no-transaction}
 * @author FORGE
 * @since 0.1.0
 */
public record GeneratedMigration(String name, String content, boolean transactional) {

	/**
	 * Returns the file name.
	 * @return the name with {@code .sql}
	 */
	public String fileName() {
		return this.name + ".sql";
	}

	/**
	 * Returns the {@code -- Up} section, without the marker.
	 * @return the forward SQL
	 */
	public String up() {
		int up = this.content.indexOf("\n-- Up\n");
		int down = this.content.indexOf("\n-- Down\n");
		return this.content.substring(up + 7, (down < 0) ? this.content.length() : down);
	}

	/**
	 * Returns the {@code -- Down} section, without the marker.
	 * @return the rollback SQL
	 */
	public String down() {
		int down = this.content.indexOf("\n-- Down\n");
		return (down < 0) ? "" : this.content.substring(down + 9);
	}

}
