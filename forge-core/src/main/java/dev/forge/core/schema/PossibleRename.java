package dev.forge.core.schema;

/**
 * A column dropped and another added on the same table with the same type, without a
 * {@link dev.forge.model.RenamedFrom @RenamedFrom} saying it is a rename: the generator
 * points it out, since a drop and add loses the column's data.
 *
 * @param table the table
 * @param droppedColumn the column that is dropped
 * @param addedColumn the column that is added
 * @param type their common type
 * @author FORGE
 * @since 0.1.0
 */
public record PossibleRename(String table, String droppedColumn, String addedColumn, ColumnType type) {

}
