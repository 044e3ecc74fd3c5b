package dev.forge.core.jpa;

import java.nio.file.Path;
import java.util.List;

import dev.forge.core.jpa.shapes.*;
import dev.forge.testsupport.PostgresTest;
import dev.forge.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

@PostgresTest
class HibernateProbeIT {

	@Test
	void probe(TestDatabase database) throws Exception {
		database.execute("CREATE SCHEMA a");
		Path script = Path.of("/tmp/jpa-probe.sql");
		java.nio.file.Files.deleteIfExists(script);
		HibernateOracle.run(database.jdbcUrl(), "a", "create", List.of(Author.class, Book.class, Publisher.class,
				BasicTypes.class, LobHolder.class, EnumHolder.class, Customer.class, Invoice.class, Person.class,
				Tag.class, Article.class, Student.class, Course.class, PurchaseOrder.class, OrderLine.class,
				Playlist.class, Song.class, Profile.class, UserAccount.class, Product.class, Ticket.class, Note.class,
				Document.class, Country.class, City.class, Employee.class, Counter.class, RequiredFields.class,
				ShipmentLine.class), script);
	}

}
