package dev.forge.core.internal.model.jpa;

import java.util.List;
import java.util.UUID;

import dev.forge.core.internal.model.ModelDefinitionException;
import dev.forge.core.internal.model.ModelReader;
import dev.forge.core.jpa.shapes.Author;
import dev.forge.core.jpa.shapes.Book;
import dev.forge.core.jpa.shapes.Publisher;
import dev.forge.core.jpa.shapes.Ticket;
import dev.forge.core.schema.Column;
import dev.forge.core.schema.ColumnType;
import dev.forge.core.schema.ForeignKey;
import dev.forge.core.schema.Schema;
import dev.forge.core.schema.Sequence;
import dev.forge.core.schema.Table;
import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.References;
import dev.forge.model.RenamedFrom;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Inheritance;
import jakarta.persistence.ManyToOne;
import org.hibernate.annotations.Formula;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EntityReaderTests {

	private final ModelReader reader = new ModelReader();

	@Test
	void identityKeysAndGeneratorSequencesArePartOfTheSchema() {
		Schema schema = this.reader.read(List.of(Author.class, Book.class, Publisher.class, Ticket.class));

		assertThat(schema.table("author").orElseThrow().column("id").orElseThrow().identity())
			.isEqualTo(Column.Identity.BY_DEFAULT);
		assertThat(schema.table("book").orElseThrow().column("id").orElseThrow().identity()).isNull();
		assertThat(schema.sequences()).containsExactly(new Sequence("book_seq", 1, 50),
				new Sequence("publishers_seq", 1, 50), new Sequence("ticket_number_seq", 100, 10));
	}

	@Test
	void aForgeModelReferencesAnEntityAndRenamesWorkOnEntities() {
		Schema schema = this.reader.read(List.of(Author.class, Review.class, Renamed.class, Comment.class));

		Table reviews = schema.table("reviews").orElseThrow();
		assertThat(reviews.foreignKeys()).extracting(ForeignKey::referencedTable, ForeignKey::referencedColumns)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("author", List.of("id")));
		assertThat(schema.table("comment").orElseThrow().foreignKeys())
			.extracting(ForeignKey::columns, ForeignKey::referencedTable, ForeignKey::referencedColumns)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(List.of("review_id"), "reviews", List.of("id")));
		Table renamed = schema.table("renamed").orElseThrow();
		assertThat(renamed.renamedFrom()).isEqualTo("old_renamed");
		assertThat(renamed.column("title").orElseThrow().renamedFrom()).isEqualTo("heading");
		assertThat(renamed.column("title").orElseThrow().type()).isEqualTo(ColumnType.varchar(255));
	}

	@Test
	void embeddablesAndMappedSuperclassesAmongTheModelsAreReadWithTheirEntities() {
		Schema schema = this.reader.read(List.of(dev.forge.core.jpa.shapes.Customer.class,
				dev.forge.core.jpa.shapes.Address.class, dev.forge.core.jpa.shapes.AuditedEntity.class));

		assertThat(schema.tables()).extracting(Table::name).containsExactly("customer");
	}

	@Test
	void unsupportedMappingsFailNamingClassAndField() {
		assertThatExceptionOfType(ModelDefinitionException.class).isThrownBy(() -> read(WithFormula.class))
			.withMessage("Invalid model " + WithFormula.class.getName() + ", field 'total': @Formula is not supported"
					+ " by FORGE's entity reader; map the field without it, or mark it @Transient and declare the"
					+ " column in a hand-written migration");
		assertThatExceptionOfType(ModelDefinitionException.class).isThrownBy(() -> read(WithConverter.class))
			.withMessageContaining(WithConverter.class.getName() + ", field 'tags': @Convert is not supported");
		assertThatExceptionOfType(ModelDefinitionException.class).isThrownBy(() -> read(WithUnknownType.class))
			.withMessageContaining(WithUnknownType.class.getName() + ", field 'when': type java.util.Date has no"
					+ " column mapping");
		assertThatExceptionOfType(ModelDefinitionException.class).isThrownBy(() -> read(Child.class))
			.withMessageContaining(Child.class.getName() + ": it extends the entity " + Parent.class.getName())
			.withMessageContaining("Make the superclass a @MappedSuperclass");
		assertThatExceptionOfType(ModelDefinitionException.class).isThrownBy(() -> read(PropertyAccess.class))
			.withMessageContaining(PropertyAccess.class.getName() + ", field 'getId': @Id is on a getter");
		assertThatExceptionOfType(ModelDefinitionException.class).isThrownBy(() -> read(OtherSchema.class))
			.withMessageContaining(OtherSchema.class.getName() + ": @Table(schema = \"billing\") is not the schema"
					+ " FORGE manages ('public')");
		assertThatExceptionOfType(ModelDefinitionException.class).isThrownBy(() -> read(Orphan.class))
			.withMessageContaining(Orphan.class.getName() + ", field 'owner': the association's target "
					+ NotAnEntity.class.getName() + " is not one of the entities read");
		assertThatExceptionOfType(ModelDefinitionException.class).isThrownBy(() -> read(NoKey.class))
			.withMessage("Invalid model " + NoKey.class.getName() + ": it has no @Id or @EmbeddedId field");
		assertThatExceptionOfType(ModelDefinitionException.class).isThrownBy(() -> read(BadDefinition.class))
			.withMessageContaining(BadDefinition.class.getName() + ", field 'code': @Column(columnDefinition = "
					+ "\"varchar(10) not null\") must be a column type only");
	}

	@Test
	void aClassThatIsNeitherAModelNorAnEntityIsRefused() {
		assertThatExceptionOfType(ModelDefinitionException.class).isThrownBy(() -> read(NotAnEntity.class))
			.withMessageContaining("it is not annotated with @ForgeModel or @Entity");
	}

	private Schema read(Class<?> model) {
		return this.reader.read(List.of(model));
	}

	@ForgeModel
	record Review(@Id UUID id, @References(Author.class) Long authorId) {
	}

	@Entity
	@jakarta.persistence.Table(name = "comment")
	static class Comment {

		@jakarta.persistence.Id
		Long id;

		@References(Review.class)
		UUID reviewId;

	}

	@Entity
	@jakarta.persistence.Table(name = "renamed")
	@RenamedFrom("old_renamed")
	static class Renamed {

		@jakarta.persistence.Id
		Long id;

		@RenamedFrom("heading")
		String title;

	}

	@Entity
	static class WithFormula {

		@jakarta.persistence.Id
		Long id;

		@Formula("price * 2")
		Long total;

	}

	@Entity
	static class WithConverter {

		@jakarta.persistence.Id
		Long id;

		@Convert(converter = jakarta.persistence.AttributeConverter.class)
		List<String> tags;

	}

	@Entity
	static class WithUnknownType {

		@jakarta.persistence.Id
		Long id;

		java.util.Date when;

	}

	@Entity
	@Inheritance
	static class Parent {

		@jakarta.persistence.Id
		Long id;

	}

	@Entity
	static class Child extends Parent {

		String extra;

	}

	@Entity
	static class PropertyAccess {

		private Long id;

		@jakarta.persistence.Id
		Long getId() {
			return this.id;
		}

	}

	@Entity
	@jakarta.persistence.Table(schema = "billing")
	static class OtherSchema {

		@jakarta.persistence.Id
		Long id;

	}

	static class NotAnEntity {

		Long id;

	}

	@Entity
	static class Orphan {

		@jakarta.persistence.Id
		Long id;

		@ManyToOne
		NotAnEntity owner;

	}

	@Entity
	static class NoKey {

		String name;

	}

	@Entity
	static class BadDefinition {

		@jakarta.persistence.Id
		Long id;

		@jakarta.persistence.Column(columnDefinition = "varchar(10) not null")
		String code;

	}

}
