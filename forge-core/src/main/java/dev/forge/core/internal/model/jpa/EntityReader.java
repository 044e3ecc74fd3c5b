package dev.forge.core.internal.model.jpa;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

import dev.forge.core.internal.model.ModelDefinitionException;
import dev.forge.core.internal.schema.Identifiers;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ColumnType;
import dev.forge.core.schema.Sequence;
import dev.forge.core.schema.Table;
import dev.forge.model.References;
import dev.forge.model.RenamedFrom;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Transient;
import jakarta.persistence.UniqueConstraint;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Reads JPA {@code @Entity} classes into the tables Hibernate 7 creates for them on
 * PostgreSQL with Spring Boot's naming defaults (DESIGN §12): entity and collection tables,
 * join tables, key, unique, index and foreign key constraints, the check constraints of
 * enums, identity columns and generator sequences. Field access only. A mapping it cannot
 * reproduce fails with one {@link ModelDefinitionException} naming class and field.
 *
 * @author FORGE
 * @since 0.1.0
 */
public final class EntityReader {

	/** Annotations whose columns FORGE cannot derive: the mapping is refused, never guessed. */
	private static final Set<String> UNSUPPORTED = Set.of("jakarta.persistence.Convert",
			"jakarta.persistence.Converts", "jakarta.persistence.OrderColumn", "jakarta.persistence.MapKey",
			"jakarta.persistence.MapKeyColumn", "jakarta.persistence.MapKeyJoinColumn",
			"jakarta.persistence.MapKeyEnumerated", "jakarta.persistence.MapKeyTemporal", "jakarta.persistence.MapsId",
			"jakarta.persistence.Temporal", "jakarta.persistence.TableGenerator", "jakarta.persistence.IdClass",
			"jakarta.persistence.SecondaryTable", "jakarta.persistence.SecondaryTables",
			"jakarta.persistence.Inheritance", "jakarta.persistence.DiscriminatorColumn",
			"jakarta.persistence.JoinColumns", "jakarta.persistence.PrimaryKeyJoinColumn",
			"jakarta.persistence.AssociationOverride", "jakarta.persistence.AssociationOverrides");

	private static final String HIBERNATE_ANNOTATIONS = "org.hibernate.annotations.";

	/** Hibernate's annotations that change no DDL (or, for {@code @NaturalId}, one FORGE maps). */
	private static final Set<String> HIBERNATE_WITHOUT_DDL = Set.of("CreationTimestamp", "UpdateTimestamp",
			"CurrentTimestamp", "BatchSize", "Fetch", "Cache", "Cascade", "Immutable", "DynamicInsert", "DynamicUpdate",
			"OptimisticLock", "OptimisticLocking", "SQLRestriction", "NaturalId", "NaturalIdCache", "LazyGroup",
			"SelectBeforeUpdate", "Proxy", "BatchSizes", "OrderBy", "SQLOrder");

	private final String schemaName;

	private final Map<Class<?>, EntityType> entities = new LinkedHashMap<>();

	private final Map<String, TableBuilder> tables = new LinkedHashMap<>();

	private final Map<String, Sequence> sequences = new TreeMap<>();

	private final Map<Class<?>, String> modelTables;

	/**
	 * Creates a reader for one schema.
	 * @param schemaName the schema the tables go to; a {@code @Table(schema)} must name it
	 * @param modelTables the tables of the {@code @ForgeModel} classes read with the
	 * entities, for {@code @References} on entity fields
	 */
	public EntityReader(String schemaName, Map<Class<?>, String> modelTables) {
		this.schemaName = schemaName;
		this.modelTables = modelTables;
	}

	/**
	 * Reads entities.
	 * @param entityClasses the {@code @Entity} classes
	 * @return their tables and sequences
	 * @throws ModelDefinitionException if an entity cannot be mapped
	 */
	public EntitySchema read(Collection<Class<?>> entityClasses) {
		for (Class<?> entityClass : entityClasses) {
			if (this.entities.containsKey(entityClass)) {
				continue;
			}
			EntityType entity = EntityType.of(entityClass, this.schemaName);
			EntityType other = this.entities.values()
				.stream()
				.filter((known) -> known.table().equals(entity.table()))
				.findFirst()
				.orElse(null);
			if (other != null) {
				throw new ModelDefinitionException(entityClass, null, "table '" + entity.table()
						+ "' is already mapped by entity " + other.type().getName()
						+ "; give one of them another @Table(name = ...)");
			}
			this.entities.put(entityClass, entity);
		}
		for (EntityType entity : this.entities.values()) {
			TableBuilder table = table(entity.table(), entity.type());
			RenamedFrom renamedFrom = entity.type().getAnnotation(RenamedFrom.class);
			table.renamedFrom((renamedFrom != null) ? renamedFrom.value() : null);
			readKey(entity, table);
		}
		List<Runnable> oneToManyJoinColumns = new ArrayList<>();
		for (EntityType entity : this.entities.values()) {
			TableBuilder table = this.tables.get(entity.table());
			List<String> naturalId = new ArrayList<>();
			for (Field field : entity.fields()) {
				List<String> before = table.columnNames();
				readAttribute(entity, table, field, oneToManyJoinColumns);
				if (isNaturalId(field)) {
					table.columnNames().stream().filter((name) -> !before.contains(name)).forEach(naturalId::add);
				}
			}
			if (!naturalId.isEmpty()) {
				// Hibernate makes the natural id columns unique together
				table.unique(null, naturalId);
			}
			readTableConstraints(entity, table);
		}
		// after every entity's own columns, so that a join column both sides map is kept once
		oneToManyJoinColumns.forEach(Runnable::run);
		Map<Class<?>, String> tableNames = new LinkedHashMap<>();
		this.entities.forEach((type, entity) -> tableNames.put(type, entity.table()));
		List<Table> result = this.tables.values().stream().map(TableBuilder::build).toList();
		return new EntitySchema(result, List.copyOf(this.sequences.values()), tableNames);
	}

	private TableBuilder table(String name, Class<?> owner) {
		TableBuilder existing = this.tables.get(name);
		if (existing != null) {
			throw new ModelDefinitionException(owner, null, "table '" + name + "' is already mapped by "
					+ existing.owner().getName() + "; name one of them differently");
		}
		TableBuilder table = new TableBuilder(name, owner);
		this.tables.put(name, table);
		return table;
	}

	/**
	 * Finds a {@code @SequenceGenerator} by name on the key field or the entity's classes,
	 * where Hibernate looks for it; one declared on another entity is not seen.
	 */
	private static @Nullable SequenceGenerator generator(EntityType entity, Field field, String name) {
		List<AnnotatedElement> elements = new ArrayList<>();
		elements.add(field);
		for (int i = entity.hierarchy().size() - 1; i >= 0; i--) {
			elements.add(entity.hierarchy().get(i));
		}
		for (AnnotatedElement element : elements) {
			for (SequenceGenerator generator : element.getAnnotationsByType(SequenceGenerator.class)) {
				if (generator.name().equals(name)) {
					return generator;
				}
			}
		}
		return null;
	}

	private void readKey(EntityType entity, TableBuilder table) {
		List<String> keyColumns = new ArrayList<>();
		for (Field field : entity.fields()) {
			if (field.isAnnotationPresent(EmbeddedId.class)) {
				Map<String, jakarta.persistence.Column> overrides = overrides(field, "");
				keyColumns.addAll(readEmbedded(entity, table, field, field.getType(), "", overrides, true));
			}
			else if (field.isAnnotationPresent(Id.class)) {
				if (isAssociation(field)) {
					throw new ModelDefinitionException(entity.type(), field.getName(),
							"an @Id on an association (a derived identity) is not supported; map the key as a basic field");
				}
				Column column = basicColumn(entity, table, field, field.getType(), field.getName(),
						field.getAnnotation(jakarta.persistence.Column.class), true);
				column = generated(entity, table, field, column);
				table.addColumn(column, entity.type(), field.getName());
				keyColumns.add(column.name());
			}
		}
		table.primaryKey(keyColumns);
		List<KeyColumn> key = new ArrayList<>();
		for (String name : keyColumns) {
			key.add(new KeyColumn(name, table.column(name).type()));
		}
		entity.key(key);
	}

	private Column generated(EntityType entity, TableBuilder table, Field field, Column column) {
		GeneratedValue generatedValue = field.getAnnotation(GeneratedValue.class);
		if (generatedValue == null) {
			return column;
		}
		GenerationType strategy = generatedValue.strategy();
		boolean numeric = Set.of("bigint", "integer", "smallint").contains(column.type().name());
		if (strategy == GenerationType.UUID || (strategy == GenerationType.AUTO && !numeric)) {
			return column;
		}
		if (!numeric) {
			throw new ModelDefinitionException(entity.type(), field.getName(), "@GeneratedValue(strategy = "
					+ strategy + ") needs a numeric key, not " + field.getType().getSimpleName());
		}
		if (strategy == GenerationType.IDENTITY) {
			return new Column(column.name(), column.type(), false, null, column.renamedFrom(), Column.Identity.BY_DEFAULT);
		}
		if (strategy == GenerationType.TABLE) {
			throw new ModelDefinitionException(entity.type(), field.getName(),
					"@GeneratedValue(strategy = TABLE) is not supported; use SEQUENCE or IDENTITY");
		}
		String generatorName = generatedValue.generator();
		SequenceGenerator generator = generatorName.isEmpty() ? null : generator(entity, field, generatorName);
		Sequence sequence;
		if (generator != null) {
			String name = generator.sequenceName().isEmpty() ? generator.name() : generator.sequenceName();
			if (!generator.schema().isEmpty() && !JpaNames.physical(generator.schema()).equals(this.schemaName)) {
				throw new ModelDefinitionException(entity.type(), field.getName(), "@SequenceGenerator(schema = \""
						+ generator.schema() + "\") is not the schema FORGE manages ('" + this.schemaName + "')");
			}
			sequence = new Sequence(JpaNames.physical(name), generator.initialValue(), generator.allocationSize());
		}
		else if (!generatorName.isEmpty()) {
			sequence = new Sequence(JpaNames.physical(generatorName), 1, 50);
		}
		else {
			sequence = new Sequence(JpaNames.physical(table.name() + "_seq"), 1, 50);
		}
		Sequence known = this.sequences.putIfAbsent(sequence.name(), sequence);
		if (known != null && !known.equals(sequence)) {
			throw new ModelDefinitionException(entity.type(), field.getName(), "sequence '" + sequence.name()
					+ "' is declared twice with different start or allocation size");
		}
		return column;
	}

	private void readAttribute(EntityType entity, TableBuilder table, Field field, List<Runnable> later) {
		if (field.isAnnotationPresent(Id.class) || field.isAnnotationPresent(EmbeddedId.class)) {
			return;
		}
		if (field.isAnnotationPresent(ManyToOne.class)) {
			readToOne(entity, table, field, field.getAnnotation(ManyToOne.class).optional(), false);
		}
		else if (field.isAnnotationPresent(OneToOne.class)) {
			OneToOne oneToOne = field.getAnnotation(OneToOne.class);
			if (oneToOne.mappedBy().isEmpty()) {
				readToOne(entity, table, field, oneToOne.optional(), true);
			}
		}
		else if (field.isAnnotationPresent(OneToMany.class)) {
			if (field.getAnnotation(OneToMany.class).mappedBy().isEmpty()) {
				later.add(() -> readOneToMany(entity, field));
			}
		}
		else if (field.isAnnotationPresent(ManyToMany.class)) {
			if (field.getAnnotation(ManyToMany.class).mappedBy().isEmpty()) {
				readManyToMany(entity, field);
			}
		}
		else if (field.isAnnotationPresent(ElementCollection.class)) {
			readElementCollection(entity, field);
		}
		else if (field.isAnnotationPresent(Embedded.class) || field.getType().isAnnotationPresent(Embeddable.class)) {
			readEmbedded(entity, table, field, field.getType(), "", overrides(field, ""), false);
		}
		else {
			Column column = basicColumn(entity, table, field, field.getType(), field.getName(),
					field.getAnnotation(jakarta.persistence.Column.class), false);
			table.addColumn(column, entity.type(), field.getName());
			References references = field.getAnnotation(References.class);
			if (references != null) {
				referenceModel(entity, table, field, column, references);
			}
		}
	}

	/**
	 * Maps the fields of an embeddable as columns of the table.
	 * @return the column names
	 */
	private List<String> readEmbedded(EntityType entity, TableBuilder table, Field field, Class<?> embeddable,
			String path, Map<String, jakarta.persistence.Column> overrides, boolean key) {
		if (!embeddable.isAnnotationPresent(Embeddable.class)) {
			throw new ModelDefinitionException(entity.type(), field.getName(),
					embeddable.getName() + " is embedded but not annotated with @Embeddable");
		}
		List<String> names = new ArrayList<>();
		for (Field part : EntityType.mappedFields(entity.type(), embeddable)) {
			String partPath = path.isEmpty() ? part.getName() : path + "." + part.getName();
			if (isAssociation(part) || part.isAnnotationPresent(ElementCollection.class)) {
				throw new ModelDefinitionException(entity.type(), field.getName() + "." + partPath,
						"associations and collections inside an embeddable are not supported");
			}
			if (part.isAnnotationPresent(Embedded.class) || part.getType().isAnnotationPresent(Embeddable.class)) {
				names.addAll(readEmbedded(entity, table, field, part.getType(), partPath, overrides, key));
				continue;
			}
			jakarta.persistence.Column annotation = overrides.getOrDefault(partPath,
					part.getAnnotation(jakarta.persistence.Column.class));
			Column column = basicColumn(entity, table, part, part.getType(), part.getName(), annotation, key);
			if (!key && part.getType().isPrimitive() && (annotation == null || annotation.nullable())
					&& !isRequired(part)) {
				// Hibernate lets a whole embedded value be null, so its primitives are nullable too
				column = new Column(column.name(), column.type(), true, null, column.renamedFrom());
			}
			table.addColumn(column, entity.type(), field.getName() + "." + partPath);
			names.add(column.name());
		}
		return names;
	}

	/** The {@code @AttributeOverride}s of an embedded field, by attribute path. */
	private Map<String, jakarta.persistence.Column> overrides(AnnotatedElement element, String prefix) {
		Map<String, jakarta.persistence.Column> overrides = new LinkedHashMap<>();
		for (AttributeOverride override : element.getAnnotationsByType(AttributeOverride.class)) {
			String name = override.name();
			if (name.startsWith(prefix)) {
				overrides.put(name.substring(prefix.length()), override.column());
			}
		}
		return overrides;
	}

	/**
	 * Returns the column of a basic attribute and adds its unique and check constraints.
	 */
	private Column basicColumn(EntityType entity, TableBuilder table, Field field, Class<?> javaType,
			String implicitName, jakarta.persistence.@Nullable Column annotation, boolean notNull) {
		checkSupported(entity, field);
		String name = JpaNames.physical((annotation != null && !annotation.name().isEmpty()) ? annotation.name()
				: implicitName);
		ColumnType type = columnType(entity, field, javaType, annotation);
		boolean nullable = !notNull && !javaType.isPrimitive() && (annotation == null || annotation.nullable())
				&& !isRequired(field);
		if (annotation != null && annotation.unique()) {
			table.unique(null, List.of(name));
		}
		if (javaType.isEnum() && (annotation == null || annotation.columnDefinition().isEmpty())) {
			table.check(name, enumCheck(name, javaType, type));
		}
		RenamedFrom renamedFrom = field.getAnnotation(RenamedFrom.class);
		return new Column(name, type, nullable, null, (renamedFrom != null) ? renamedFrom.value() : null);
	}

	private static boolean isRequired(Field field) {
		jakarta.persistence.Basic basic = field.getAnnotation(jakarta.persistence.Basic.class);
		// Hibernate Validator's constraints feed Hibernate's DDL (as in a Spring Boot application with validation)
		return (basic != null && !basic.optional()) || field.isAnnotationPresent(NotNull.class)
				|| field.isAnnotationPresent(NotBlank.class) || field.isAnnotationPresent(NotEmpty.class);
	}

	private ColumnType columnType(EntityType entity, Field field, Class<?> javaType,
			jakarta.persistence.@Nullable Column annotation) {
		if (annotation != null && !annotation.columnDefinition().isEmpty()) {
			String definition = annotation.columnDefinition();
			try {
				ColumnType type = ColumnType.parse(definition);
				if (type.name().matches("[a-z_][a-z0-9_ ]*") && !type.name().matches(".*\\b(not|null|default|check|"
						+ "unique|primary|references|generated|collate)\\b.*")) {
					return type;
				}
			}
			catch (IllegalArgumentException ex) {
				// reported below
			}
			throw new ModelDefinitionException(entity.type(), field.getName(), "@Column(columnDefinition = \""
					+ definition + "\") must be a column type only, such as \"text\" or \"jsonb\"; "
					+ "declare nullability and uniqueness with the other @Column attributes");
		}
		int length = (annotation != null && annotation.length() != JpaTypes.DEFAULT_LENGTH) ? annotation.length() : 0;
		Size size = field.getAnnotation(Size.class);
		if (javaType == String.class && size != null && size.max() != Integer.MAX_VALUE) {
			length = size.max();
		}
		if (javaType.isEnum()) {
			Enumerated enumerated = field.getAnnotation(Enumerated.class);
			if (enumerated != null && enumerated.value() == EnumType.STRING) {
				return ColumnType.varchar((length > 0) ? length : JpaTypes.DEFAULT_LENGTH);
			}
			return ColumnType.of("smallint");
		}
		int precision = (annotation != null) ? annotation.precision() : 0;
		int scale = (annotation != null) ? annotation.scale() : 0;
		Digits digits = field.getAnnotation(Digits.class);
		if (javaType == java.math.BigDecimal.class && digits != null) {
			precision = digits.integer() + digits.fraction();
			scale = digits.fraction();
		}
		ColumnType type = JpaTypes.basic(javaType, field.isAnnotationPresent(Lob.class), length, precision, scale);
		if (type == null) {
			throw new ModelDefinitionException(entity.type(), field.getName(), "type " + javaType.getName()
					+ " has no column mapping FORGE knows; use a basic type, an @Embeddable, an association, or "
					+ "@Column(columnDefinition = \"...\") with a PostgreSQL type");
		}
		return type;
	}

	/** The check constraint Hibernate puts on an enum column: the names, or the ordinal range. */
	private static String enumCheck(String column, Class<?> enumType, ColumnType type) {
		Object[] constants = enumType.getEnumConstants();
		String quoted = Identifiers.quote(column);
		if (type.name().equals("smallint")) {
			return "CHECK (" + quoted + " BETWEEN 0 AND " + (constants.length - 1) + ")";
		}
		List<String> names = Arrays.stream(constants)
			.map((constant) -> "'" + ((Enum<?>) constant).name().replace("'", "''") + "'")
			.toList();
		return "CHECK (" + quoted + " IN (" + String.join(", ", names) + "))";
	}

	private void checkSupported(EntityType entity, Field field) {
		for (Annotation annotation : field.getAnnotations()) {
			String name = annotation.annotationType().getName();
			if (isUnsupported(name)) {
				throw new ModelDefinitionException(entity.type(), field.getName(),
						"@" + annotation.annotationType().getSimpleName() + " is not supported by FORGE's entity "
								+ "reader; map the field without it, or mark it @Transient and declare the column in a "
								+ "hand-written migration");
			}
		}
	}

	private static boolean isUnsupported(String annotationName) {
		return UNSUPPORTED.contains(annotationName) || (annotationName.startsWith(HIBERNATE_ANNOTATIONS)
				&& !HIBERNATE_WITHOUT_DDL.contains(annotationName.substring(HIBERNATE_ANNOTATIONS.length())));
	}

	private static boolean isNaturalId(Field field) {
		return Arrays.stream(field.getAnnotations())
			.anyMatch((annotation) -> annotation.annotationType().getName().equals(HIBERNATE_ANNOTATIONS + "NaturalId"));
	}

	private static boolean isAssociation(Field field) {
		return field.isAnnotationPresent(ManyToOne.class) || field.isAnnotationPresent(OneToOne.class)
				|| field.isAnnotationPresent(OneToMany.class) || field.isAnnotationPresent(ManyToMany.class);
	}

	private void readToOne(EntityType entity, TableBuilder table, Field field, boolean optional, boolean unique) {
		checkSupported(entity, field);
		EntityType target = target(entity, field, field.getType());
		JoinColumn joinColumn = field.getAnnotation(JoinColumn.class);
		KeyColumn referenced = referencedColumn(entity, field, target, joinColumn);
		String name = JpaNames.physical((joinColumn != null && !joinColumn.name().isEmpty()) ? joinColumn.name()
				: field.getName() + "_" + referenced.name());
		boolean nullable = optional && (joinColumn == null || joinColumn.nullable()) && !isRequired(field);
		RenamedFrom renamedFrom = field.getAnnotation(RenamedFrom.class);
		table.addColumn(new Column(name, referenced.type(), nullable, null,
				(renamedFrom != null) ? renamedFrom.value() : null), entity.type(), field.getName());
		if (unique || (joinColumn != null && joinColumn.unique())) {
			table.unique(null, List.of(name));
		}
		table.foreignKey(List.of(name), target.table(), List.of(referenced.name()));
	}

	private KeyColumn referencedColumn(EntityType entity, Field field, EntityType target,
			@Nullable JoinColumn joinColumn) {
		List<KeyColumn> key = target.key();
		if (key.size() != 1) {
			throw new ModelDefinitionException(entity.type(), field.getName(), "the target "
					+ target.type().getSimpleName() + " has a composite key; associations to it are not supported");
		}
		if (joinColumn != null && !joinColumn.referencedColumnName().isEmpty()
				&& !JpaNames.physical(joinColumn.referencedColumnName()).equals(key.get(0).name())) {
			throw new ModelDefinitionException(entity.type(), field.getName(), "@JoinColumn(referencedColumnName = \""
					+ joinColumn.referencedColumnName() + "\") must name the key column '" + key.get(0).name() + "' of "
					+ target.type().getSimpleName() + "; other referenced columns are not supported");
		}
		return key.get(0);
	}

	private EntityType target(EntityType entity, Field field, Type targetType) {
		EntityType target = (targetType instanceof Class<?> type) ? this.entities.get(type) : null;
		if (target == null) {
			throw new ModelDefinitionException(entity.type(), field.getName(), "the association's target "
					+ targetType.getTypeName() + " is not one of the entities read; add it to the models");
		}
		return target;
	}

	private void readOneToMany(EntityType entity, Field field) {
		checkSupported(entity, field);
		EntityType target = target(entity, field, elementType(entity, field));
		TableBuilder targetTable = this.tables.get(target.table());
		KeyColumn ownerKey = single(entity, field, entity);
		JoinColumn joinColumn = field.getAnnotation(JoinColumn.class);
		if (joinColumn == null) {
			readJoinTable(entity, field, target, true);
			return;
		}
		String name = JpaNames.physical(joinColumn.name().isEmpty() ? field.getName() + "_" + ownerKey.name()
				: joinColumn.name());
		if (!targetTable.hasColumn(name)) {
			targetTable.addColumn(new Column(name, ownerKey.type(), joinColumn.nullable(), null), entity.type(),
					field.getName());
			targetTable.foreignKey(List.of(name), entity.table(), List.of(ownerKey.name()));
		}
	}

	private void readManyToMany(EntityType entity, Field field) {
		checkSupported(entity, field);
		EntityType target = target(entity, field, elementType(entity, field));
		readJoinTable(entity, field, target, false);
	}

	/**
	 * Maps the join table of a many-to-many, or of a one-to-many without a join column
	 * (where each target row appears once: a unique constraint on its column).
	 */
	private void readJoinTable(EntityType entity, Field field, EntityType target, boolean oneToMany) {
		JoinTable joinTable = field.getAnnotation(JoinTable.class);
		if (joinTable != null && !joinTable.schema().isEmpty()
				&& !JpaNames.physical(joinTable.schema()).equals(this.schemaName)) {
			throw new ModelDefinitionException(entity.type(), field.getName(), "@JoinTable(schema = \""
					+ joinTable.schema() + "\") is not the schema FORGE manages ('" + this.schemaName + "')");
		}
		String name = JpaNames.physical((joinTable != null && !joinTable.name().isEmpty()) ? joinTable.name()
				: entity.table() + "_" + field.getName());
		TableBuilder table = table(name, entity.type());
		KeyColumn ownerKey = single(entity, field, entity);
		KeyColumn targetKey = single(entity, field, target);
		String inverseAttribute = inverseAttribute(entity, field, target);
		String ownerColumn = JpaNames.physical(explicitName((joinTable != null) ? joinTable.joinColumns() : null,
				((inverseAttribute != null) ? inverseAttribute : entity.entityName()) + "_" + ownerKey.name()));
		String targetColumn = JpaNames.physical(explicitName(
				(joinTable != null) ? joinTable.inverseJoinColumns() : null, field.getName() + "_" + targetKey.name()));
		table.addColumn(new Column(ownerColumn, ownerKey.type(), false, null), entity.type(), field.getName());
		table.addColumn(new Column(targetColumn, targetKey.type(), false, null), entity.type(), field.getName());
		if (isSet(field)) {
			table.primaryKey(List.of(ownerColumn, targetColumn));
		}
		if (oneToMany) {
			table.unique(null, List.of(targetColumn));
		}
		table.foreignKey(List.of(ownerColumn), entity.table(), List.of(ownerKey.name()));
		table.foreignKey(List.of(targetColumn), target.table(), List.of(targetKey.name()));
	}

	/** The attribute of the target that maps this association back with {@code mappedBy}, if any. */
	private @Nullable String inverseAttribute(EntityType entity, Field field, EntityType target) {
		for (Field candidate : target.fields()) {
			ManyToMany manyToMany = candidate.getAnnotation(ManyToMany.class);
			if (manyToMany != null && manyToMany.mappedBy().equals(field.getName())) {
				Type element = elementTypeOrNull(candidate);
				if (element == entity.type()) {
					return candidate.getName();
				}
			}
		}
		return null;
	}

	private void readElementCollection(EntityType entity, Field field) {
		checkSupported(entity, field);
		Type elementType = elementType(entity, field);
		if (!(elementType instanceof Class<?> element)) {
			throw new ModelDefinitionException(entity.type(), field.getName(),
					"the element type " + elementType.getTypeName() + " is not supported");
		}
		CollectionTable collectionTable = field.getAnnotation(CollectionTable.class);
		if (collectionTable != null && !collectionTable.schema().isEmpty()
				&& !JpaNames.physical(collectionTable.schema()).equals(this.schemaName)) {
			throw new ModelDefinitionException(entity.type(), field.getName(), "@CollectionTable(schema = \""
					+ collectionTable.schema() + "\") is not the schema FORGE manages ('" + this.schemaName + "')");
		}
		String name = JpaNames.physical((collectionTable != null && !collectionTable.name().isEmpty())
				? collectionTable.name() : entity.entityName() + "_" + field.getName());
		TableBuilder table = table(name, entity.type());
		KeyColumn ownerKey = single(entity, field, entity);
		String ownerColumn = JpaNames.physical(explicitName(
				(collectionTable != null) ? collectionTable.joinColumns() : null,
				entity.entityName() + "_" + ownerKey.name()));
		table.addColumn(new Column(ownerColumn, ownerKey.type(), false, null), entity.type(), field.getName());
		List<String> elementColumns;
		if (element.isAnnotationPresent(Embeddable.class)) {
			elementColumns = readEmbedded(entity, table, field, element, "", overrides(field, ""), false);
		}
		else {
			Column column = basicColumn(entity, table, field, element, field.getName(),
					field.getAnnotation(jakarta.persistence.Column.class), false);
			table.addColumn(column, entity.type(), field.getName());
			elementColumns = List.of(column.name());
		}
		boolean allRequired = elementColumns.stream().allMatch((column) -> !table.column(column).nullable());
		if (isSet(field) && allRequired) {
			List<String> key = new ArrayList<>();
			key.add(ownerColumn);
			key.addAll(elementColumns);
			table.primaryKey(key);
		}
		table.foreignKey(List.of(ownerColumn), entity.table(), List.of(ownerKey.name()));
		readCollectionTableConstraints(entity, field, table, collectionTable);
	}

	private void readCollectionTableConstraints(EntityType entity, Field field, TableBuilder table,
			@Nullable CollectionTable collectionTable) {
		if (collectionTable == null) {
			return;
		}
		Map<String, String> columns = new LinkedHashMap<>();
		table.columnNames().forEach((column) -> columns.put(column, column));
		readIndexes(entity.type(), field.getName(), table, collectionTable.indexes(),
				collectionTable.uniqueConstraints(), columns);
	}

	private static String explicitName(JoinColumn @Nullable [] joinColumns, String implicitName) {
		if (joinColumns != null && joinColumns.length > 0 && !joinColumns[0].name().isEmpty()) {
			return joinColumns[0].name();
		}
		return implicitName;
	}

	private KeyColumn single(EntityType entity, Field field, EntityType owner) {
		if (owner.key().size() != 1) {
			throw new ModelDefinitionException(entity.type(), field.getName(), owner.type().getSimpleName()
					+ " has a composite key; collections and associations that need its key are not supported");
		}
		return owner.key().get(0);
	}

	private static boolean isSet(Field field) {
		return Set.class.isAssignableFrom(field.getType()) || SortedSet.class.isAssignableFrom(field.getType());
	}

	private Type elementType(EntityType entity, Field field) {
		Type element = elementTypeOrNull(field);
		if (element == null) {
			throw new ModelDefinitionException(entity.type(), field.getName(), "a collection attribute must be a "
					+ "Set, List or Collection with a type argument, such as Set<Tag>; maps are not supported");
		}
		return element;
	}

	private static @Nullable Type elementTypeOrNull(Field field) {
		if (!Collection.class.isAssignableFrom(field.getType())) {
			return null;
		}
		if (field.getGenericType() instanceof ParameterizedType parameterized
				&& parameterized.getActualTypeArguments().length == 1) {
			return parameterized.getActualTypeArguments()[0];
		}
		return null;
	}

	private void referenceModel(EntityType entity, TableBuilder table, Field field, Column column,
			References references) {
		String referencedTable = (references.value() != void.class) ? this.modelTables.get(references.value())
				: (references.table().isEmpty() ? null : references.table());
		if (referencedTable == null) {
			throw new ModelDefinitionException(entity.type(), field.getName(), "@References names no @ForgeModel "
					+ "read with the entities; name a model class or a table, or map the association with @ManyToOne");
		}
		String referencedColumn = references.column().isEmpty() ? "id" : references.column();
		table.foreignKey(List.of(column.name()), referencedTable, List.of(referencedColumn));
	}

	private void readTableConstraints(EntityType entity, TableBuilder table) {
		jakarta.persistence.Table annotation = entity.type().getAnnotation(jakarta.persistence.Table.class);
		if (annotation == null) {
			return;
		}
		Map<String, String> columns = new LinkedHashMap<>();
		table.columnNames().forEach((column) -> columns.put(column, column));
		for (Field field : entity.fields()) {
			// an index may name a field or a column; a field maps to its column when it has one
			String physical = JpaNames.physical(field.getName());
			jakarta.persistence.Column column = field.getAnnotation(jakarta.persistence.Column.class);
			if (column != null && !column.name().isEmpty()) {
				physical = JpaNames.physical(column.name());
			}
			if (table.hasColumn(physical)) {
				columns.putIfAbsent(field.getName(), physical);
			}
		}
		readIndexes(entity.type(), null, table, annotation.indexes(), annotation.uniqueConstraints(), columns);
	}

	private void readIndexes(Class<?> type, @Nullable String field, TableBuilder table, Index[] indexes,
			UniqueConstraint[] uniqueConstraints, Map<String, String> columns) {
		for (Index index : indexes) {
			List<String> indexColumns = columnList(type, field, table, index.columnList(), columns);
			String name = index.name().isEmpty() ? null : index.name();
			if (index.unique()) {
				table.unique(name, indexColumns);
			}
			else {
				table.index(name, indexColumns);
			}
		}
		for (UniqueConstraint constraint : uniqueConstraints) {
			List<String> constraintColumns = new ArrayList<>();
			for (String column : constraint.columnNames()) {
				constraintColumns.addAll(columnList(type, field, table, column, columns));
			}
			table.unique(constraint.name().isEmpty() ? null : constraint.name(), constraintColumns);
		}
	}

	private List<String> columnList(Class<?> type, @Nullable String field, TableBuilder table, String columnList,
			Map<String, String> columns) {
		List<String> result = new ArrayList<>();
		for (String part : columnList.split(",")) {
			String entry = part.trim();
			String[] words = entry.split("\\s+");
			if (words.length == 2 && Set.of("asc", "desc").contains(words[1].toLowerCase(Locale.ROOT))) {
				if (words[1].equalsIgnoreCase("desc")) {
					throw new ModelDefinitionException(type, field, "index column '" + entry + "' of table '"
							+ table.name() + "': descending index columns are not supported");
				}
				entry = words[0];
			}
			String column = columns.getOrDefault(entry, columns.get(JpaNames.physical(entry)));
			if (column == null) {
				throw new ModelDefinitionException(type, field, "the index or unique constraint names '" + entry
						+ "', which is no column of table '" + table.name() + "'");
			}
			result.add(column);
		}
		return result;
	}

	/** A key column of an entity, as a join column copies it. */
	record KeyColumn(String name, ColumnType type) {
	}

	/**
	 * An entity class with its names and mapped fields.
	 */
	static final class EntityType {

		private final Class<?> type;

		private final String entityName;

		private final String table;

		private final List<Class<?>> hierarchy;

		private final List<Field> fields;

		private List<KeyColumn> key = List.of();

		private EntityType(Class<?> type, String entityName, String table, List<Class<?>> hierarchy,
				List<Field> fields) {
			this.type = type;
			this.entityName = entityName;
			this.table = table;
			this.hierarchy = hierarchy;
			this.fields = fields;
		}

		static EntityType of(Class<?> type, String schemaName) {
			if (type.isInterface() || type.isRecord()) {
				throw new ModelDefinitionException(type, null, "an entity must be a class");
			}
			Entity entity = type.getAnnotation(Entity.class);
			// Hibernate's default entity name is the unqualified class name: Outer$Inner for a nested class
			String entityName = (entity != null && !entity.name().isEmpty()) ? entity.name()
					: type.getName().substring(type.getName().lastIndexOf('.') + 1);
			jakarta.persistence.Table tableAnnotation = type.getAnnotation(jakarta.persistence.Table.class);
			if (tableAnnotation != null && !tableAnnotation.schema().isEmpty()
					&& !JpaNames.physical(tableAnnotation.schema()).equals(schemaName)) {
				throw new ModelDefinitionException(type, null, "@Table(schema = \"" + tableAnnotation.schema()
						+ "\") is not the schema FORGE manages ('" + schemaName
						+ "'); remove it or set forge.migrations.schema");
			}
			String table = JpaNames.physical((tableAnnotation != null && !tableAnnotation.name().isEmpty())
					? tableAnnotation.name() : entityName);
			List<Class<?>> hierarchy = new ArrayList<>();
			for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
				if (current != type && current.isAnnotationPresent(Entity.class)) {
					throw new ModelDefinitionException(type, null, "it extends the entity " + current.getName()
							+ "; entity inheritance (SINGLE_TABLE, JOINED, TABLE_PER_CLASS) is not supported. "
							+ "Make the superclass a @MappedSuperclass");
				}
				for (Annotation annotation : current.getAnnotations()) {
					String name = annotation.annotationType().getName();
					if (isUnsupported(name)) {
						throw new ModelDefinitionException(type, null, "@" + annotation.annotationType().getSimpleName()
								+ " on " + current.getSimpleName() + " is not supported by FORGE's entity reader");
					}
				}
				if (current == type || current.isAnnotationPresent(MappedSuperclass.class)) {
					hierarchy.add(0, current);
				}
			}
			List<Field> fields = new ArrayList<>();
			for (Class<?> declaring : hierarchy) {
				fields.addAll(mappedFields(type, declaring));
			}
			boolean fieldKey = fields.stream()
				.anyMatch((field) -> field.isAnnotationPresent(Id.class) || field.isAnnotationPresent(EmbeddedId.class));
			if (!fieldKey) {
				for (Class<?> declaring : hierarchy) {
					for (Method method : declaring.getDeclaredMethods()) {
						if (method.isAnnotationPresent(Id.class) || method.isAnnotationPresent(EmbeddedId.class)) {
							throw new ModelDefinitionException(type, method.getName(), "@Id is on a getter (property "
									+ "access); FORGE reads entities with field access: put the annotations on the fields");
						}
					}
				}
				throw new ModelDefinitionException(type, null, "it has no @Id or @EmbeddedId field");
			}
			return new EntityType(type, entityName, table, hierarchy, fields);
		}

		/** The persistent fields a class declares: not static, not transient. */
		static List<Field> mappedFields(Class<?> entity, Class<?> declaring) {
			List<Field> fields = new ArrayList<>();
			for (Field field : declaring.getDeclaredFields()) {
				int modifiers = field.getModifiers();
				if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()
						|| field.isAnnotationPresent(Transient.class)) {
					continue;
				}
				fields.add(field);
			}
			return fields;
		}

		Class<?> type() {
			return this.type;
		}

		String entityName() {
			return this.entityName;
		}

		String table() {
			return this.table;
		}

		List<Class<?>> hierarchy() {
			return this.hierarchy;
		}

		List<Field> fields() {
			return this.fields;
		}

		List<KeyColumn> key() {
			return this.key;
		}

		void key(List<KeyColumn> keyColumns) {
			this.key = List.copyOf(keyColumns);
		}

	}

}
