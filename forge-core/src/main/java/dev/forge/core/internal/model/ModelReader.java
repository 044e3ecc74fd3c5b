package dev.forge.core.internal.model;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.forge.core.internal.model.jpa.EntitySchema;
import dev.forge.core.internal.schema.Identifiers;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ColumnType;
import dev.forge.core.schema.ForeignKey;
import dev.forge.core.schema.Index;
import dev.forge.core.schema.PrimaryKey;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.Sequence;
import dev.forge.core.schema.Table;
import dev.forge.core.schema.Unique;
import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.Indexed;
import dev.forge.model.References;
import dev.forge.model.RenamedFrom;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@link ForgeModel @ForgeModel} records and classes into the {@link Schema} they
 * describe (DESIGN §2). Each model becomes a table, each record component or instance field
 * a column; Bean Validation constraints refine types and nullability. JPA {@code @Entity}
 * classes may come with them and map as Hibernate maps them (DESIGN §12); a model may
 * reference an entity with {@code @References}.
 *
 * <pre class="code">
 * Schema desired = new ModelReader().read("public", List.of(Project.class, User.class));
 * </pre>
 *
 * @author FORGE
 * @since 0.1.0
 */
public class ModelReader {

	/**
	 * Reads models into the {@code public} schema.
	 * @param models the model classes
	 * @return the schema, tables ordered by name
	 * @throws ModelDefinitionException if a model cannot be mapped
	 */
	public Schema read(Collection<Class<?>> models) {
		return read("public", models);
	}

	/**
	 * Reads models into a schema.
	 * @param schemaName the name of the schema
	 * @param models the model classes, each annotated with {@link ForgeModel @ForgeModel} or
	 * {@code @jakarta.persistence.Entity}; embeddables and mapped superclasses among them are
	 * read as parts of their entities
	 * @return the schema, tables ordered by name
	 * @throws ModelDefinitionException if a model cannot be mapped: an unsupported type, no
	 * {@code @Id}, two models on one table, a reference to a class that is not a model
	 */
	public Schema read(String schemaName, Collection<Class<?>> models) {
		List<Class<?>> forgeModels = new ArrayList<>();
		List<Class<?>> entities = new ArrayList<>();
		for (Class<?> model : models) {
			if (model.isAnnotationPresent(ForgeModel.class)) {
				forgeModels.add(model);
			}
			else if (Entities.isEntity(model)) {
				entities.add(model);
			}
			else if (!Entities.isEntityPart(model)) {
				throw new ModelDefinitionException(model, null, "it is not annotated with @ForgeModel or @Entity");
			}
		}
		Map<Class<?>, String> tableNames = tableNames(forgeModels);
		List<Table> tables = new ArrayList<>();
		List<Sequence> sequences = new ArrayList<>();
		Map<Class<?>, Table> entityTables = new LinkedHashMap<>();
		if (!entities.isEmpty()) {
			EntitySchema read = Entities.read(schemaName, entities, tableNames);
			for (Map.Entry<Class<?>, String> entity : read.tableNames().entrySet()) {
				Class<?> other = tableNames.entrySet()
					.stream()
					.filter((known) -> known.getValue().equals(entity.getValue()))
					.map(Map.Entry::getKey)
					.findFirst()
					.orElse(null);
				if (other != null) {
					throw new ModelDefinitionException(entity.getKey(), null, "table '" + entity.getValue()
							+ "' is already mapped by model " + other.getName() + "; give one of them another name");
				}
				entityTables.put(entity.getKey(), read.table(entity.getValue()));
			}
			tables.addAll(read.tables());
			sequences.addAll(read.sequences());
		}
		for (Class<?> model : forgeModels) {
			tables.add(readTable(model, tableNames, entityTables));
		}
		tables.sort(Comparator.comparing(Table::name));
		return new Schema(schemaName, tables, sequences);
	}

	private Map<Class<?>, String> tableNames(Collection<Class<?>> models) {
		Map<Class<?>, String> tableNames = new LinkedHashMap<>();
		Map<String, Class<?>> owners = new LinkedHashMap<>();
		for (Class<?> model : models) {
			ForgeModel annotation = model.getAnnotation(ForgeModel.class);
			String table = annotation.table().isEmpty() ? Names.tableName(model.getSimpleName()) : annotation.table();
			Class<?> other = owners.putIfAbsent(table, model);
			if (other != null) {
				throw new ModelDefinitionException(model, null, "table '" + table + "' is already mapped by model "
						+ other.getName() + "; give one of them another @ForgeModel(table = ...)");
			}
			tableNames.put(model, table);
		}
		return tableNames;
	}

	private Table readTable(Class<?> model, Map<Class<?>, String> tableNames, Map<Class<?>, Table> entityTables) {
		String table = tableNames.get(model);
		List<Column> columns = new ArrayList<>();
		Map<String, String> columnNames = new LinkedHashMap<>();
		List<String> keyColumns = new ArrayList<>();
		List<Unique> uniques = new ArrayList<>();
		List<Index> indexes = new ArrayList<>();
		List<ForeignKey> foreignKeys = new ArrayList<>();
		for (ModelProperty property : ModelProperty.of(model)) {
			Column column = readColumn(model, property);
			columns.add(column);
			columnNames.put(property.name(), column.name());
			columnNames.put(column.name(), column.name());
			List<String> only = List.of(column.name());
			if (property.has(Id.class)) {
				keyColumns.add(column.name());
			}
			if (property.has(dev.forge.model.Unique.class)) {
				uniques.add(new Unique(Identifiers.name(table, only, "key"), only));
			}
			if (property.has(Indexed.class)) {
				indexes.add(new Index(Identifiers.name(table, only, "idx"), only, false));
			}
			Optional<References> references = property.annotation(References.class);
			if (references.isPresent()) {
				foreignKeys.add(foreignKey(model, property, table, column, references.get(), tableNames, entityTables));
			}
		}
		if (keyColumns.isEmpty()) {
			throw new ModelDefinitionException(model, null,
					"it has no @Id field; mark the primary key field (or fields) with @Id");
		}
		for (dev.forge.model.Index index : model.getAnnotationsByType(dev.forge.model.Index.class)) {
			indexes.add(index(model, table, index, columnNames));
		}
		RenamedFrom renamedFrom = model.getAnnotation(RenamedFrom.class);
		return new Table(table, columns, new PrimaryKey(Identifiers.name(table, List.of(), "pkey"), keyColumns),
				uniques, indexes, foreignKeys, List.of(), (renamedFrom != null) ? renamedFrom.value() : null);
	}

	private Column readColumn(Class<?> model, ModelProperty property) {
		dev.forge.model.Column annotation = property.annotation(dev.forge.model.Column.class).orElse(null);
		String name = (annotation != null && !annotation.name().isEmpty()) ? annotation.name()
				: Names.snakeCase(property.name());
		Class<?> javaType = property.type();
		boolean nullable = false;
		if (javaType == Optional.class) {
			nullable = true;
			javaType = optionalElement(model, property);
		}
		nullable = nullable || property.hasAnnotationNamed("Nullable");
		if (javaType.isPrimitive() || property.has(NotNull.class) || property.has(NotBlank.class)
				|| property.has(NotEmpty.class) || property.has(Id.class)) {
			nullable = false;
		}
		ColumnType type = columnType(model, property, javaType, annotation);
		String defaultValue = (annotation != null) ? ModelProperty.emptyToNull(annotation.defaultValue()) : null;
		String renamedFrom = property.annotation(RenamedFrom.class).map(RenamedFrom::value).orElse(null);
		return new Column(name, type, nullable, defaultValue, renamedFrom);
	}

	private Class<?> optionalElement(Class<?> model, ModelProperty property) {
		Type generic = property.genericType();
		if (generic instanceof ParameterizedType parameterized
				&& parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
			return element;
		}
		throw new ModelDefinitionException(model, property.name(),
				"Optional needs a concrete type argument, such as Optional<String>");
	}

	private ColumnType columnType(Class<?> model, ModelProperty property, Class<?> javaType,
			dev.forge.model.@Nullable Column annotation) {
		if (annotation != null && !annotation.type().isEmpty()) {
			try {
				return ColumnType.parse(annotation.type());
			}
			catch (IllegalArgumentException ex) {
				throw new ModelDefinitionException(model, property.name(),
						"@Column(type = \"" + annotation.type() + "\") is not a column type");
			}
		}
		ColumnType type = TypeMapping.columnType(javaType);
		if (type == null) {
			throw new ModelDefinitionException(model, property.name(),
					"type " + javaType.getName() + " has no column mapping; declare one with @Column(type = \"jsonb\") "
							+ "or another PostgreSQL type");
		}
		Optional<Size> size = property.annotation(Size.class);
		if (type.equals(ColumnType.TEXT) && size.isPresent() && size.get().max() != Integer.MAX_VALUE) {
			return ColumnType.varchar(size.get().max());
		}
		Optional<Digits> digits = property.annotation(Digits.class);
		if (type.name().equals("numeric") && digits.isPresent()) {
			return ColumnType.numeric(digits.get().integer() + digits.get().fraction(), digits.get().fraction());
		}
		return type;
	}

	private ForeignKey foreignKey(Class<?> model, ModelProperty property, String table, Column column,
			References references, Map<Class<?>, String> tableNames, Map<Class<?>, Table> entityTables) {
		String referencedTable;
		String referencedColumn;
		if (references.value() != void.class && entityTables.containsKey(references.value())) {
			Table target = entityTables.get(references.value());
			referencedTable = target.name();
			List<String> key = (target.primaryKey() != null) ? target.primaryKey().columns() : List.of();
			if (references.column().isEmpty() && key.size() != 1) {
				throw new ModelDefinitionException(model, property.name(), "@References(" + references.value()
					.getSimpleName() + ".class) needs an entity with one key column; name the column with "
						+ "@References(column = ...)");
			}
			referencedColumn = references.column().isEmpty() ? key.get(0) : references.column();
		}
		else if (references.value() != void.class) {
			Class<?> target = references.value();
			referencedTable = tableNames.get(target);
			if (referencedTable == null) {
				throw new ModelDefinitionException(model, property.name(), "@References(" + target.getName()
						+ ".class) does not name a model; annotate it with @ForgeModel and include it with the models");
			}
			referencedColumn = references.column().isEmpty() ? primaryKeyColumn(model, property, target)
					: references.column();
		}
		else if (!references.table().isEmpty()) {
			referencedTable = references.table();
			referencedColumn = references.column().isEmpty() ? "id" : references.column();
		}
		else {
			throw new ModelDefinitionException(model, property.name(),
					"@References needs a model class or a table name");
		}
		List<String> columns = List.of(column.name());
		return new ForeignKey(Identifiers.name(table, columns, "fkey"), columns, referencedTable,
				List.of(referencedColumn));
	}

	private String primaryKeyColumn(Class<?> model, ModelProperty property, Class<?> target) {
		List<String> keys = new ArrayList<>();
		for (ModelProperty targetProperty : ModelProperty.of(target)) {
			if (targetProperty.has(Id.class)) {
				keys.add(readColumn(target, targetProperty).name());
			}
		}
		if (keys.size() != 1) {
			throw new ModelDefinitionException(model, property.name(), "@References(" + target.getSimpleName()
					+ ".class) needs a model with exactly one @Id column; name the column with @References(column = ...)");
		}
		return keys.get(0);
	}

	private Index index(Class<?> model, String table, dev.forge.model.Index index, Map<String, String> columnNames) {
		List<String> columns = new ArrayList<>();
		for (String column : index.columns()) {
			String name = columnNames.get(column);
			if (name == null) {
				throw new ModelDefinitionException(model, column,
						"@Index names '" + column + "', which is neither a field nor a column of the model");
			}
			columns.add(name);
		}
		if (columns.isEmpty()) {
			throw new ModelDefinitionException(model, null, "@Index needs at least one column");
		}
		String name = index.name().isEmpty() ? Identifiers.name(table, columns, index.unique() ? "key" : "idx")
				: index.name();
		return new Index(name, columns, index.unique());
	}

}
