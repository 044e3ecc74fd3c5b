package dev.forge.core.jpa;

import java.util.Collection;
import java.util.List;

import dev.forge.core.jpa.shapes.Article;
import dev.forge.core.jpa.shapes.Quote;
import dev.forge.core.jpa.shapes.Edition;
import dev.forge.core.jpa.shapes.Voucher;
import dev.forge.core.jpa.shapes.Token;
import dev.forge.core.jpa.shapes.Warehouse;
import dev.forge.core.jpa.shapes.Site;
import dev.forge.core.jpa.shapes.Measurement;
import dev.forge.core.jpa.shapes.Member;
import dev.forge.core.jpa.shapes.Team;
import dev.forge.core.jpa.shapes.Track;
import dev.forge.core.jpa.shapes.Album;
import dev.forge.core.jpa.shapes.Author;
import dev.forge.core.jpa.shapes.BasicTypes;
import dev.forge.core.jpa.shapes.Book;
import dev.forge.core.jpa.shapes.City;
import dev.forge.core.jpa.shapes.Counter;
import dev.forge.core.jpa.shapes.Country;
import dev.forge.core.jpa.shapes.Course;
import dev.forge.core.jpa.shapes.Customer;
import dev.forge.core.jpa.shapes.Document;
import dev.forge.core.jpa.shapes.Employee;
import dev.forge.core.jpa.shapes.EnumHolder;
import dev.forge.core.jpa.shapes.Invoice;
import dev.forge.core.jpa.shapes.LobHolder;
import dev.forge.core.jpa.shapes.Note;
import dev.forge.core.jpa.shapes.OrderLine;
import dev.forge.core.jpa.shapes.Person;
import dev.forge.core.jpa.shapes.Playlist;
import dev.forge.core.jpa.shapes.Product;
import dev.forge.core.jpa.shapes.Profile;
import dev.forge.core.jpa.shapes.Publisher;
import dev.forge.core.jpa.shapes.PurchaseOrder;
import dev.forge.core.jpa.shapes.RequiredFields;
import dev.forge.core.jpa.shapes.ShipmentLine;
import dev.forge.core.jpa.shapes.Song;
import dev.forge.core.jpa.shapes.Student;
import dev.forge.core.jpa.shapes.Tag;
import dev.forge.core.jpa.shapes.Ticket;
import dev.forge.core.jpa.shapes.UserAccount;
import jakarta.validation.Validation;
import org.hibernate.SessionFactory;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Hibernate with Spring Boot's naming defaults, used as the reference for the schema that
 * entities map to: {@code create} builds it, {@code validate} checks one built by FORGE.
 */
public final class HibernateOracle {

	private HibernateOracle() {
	}

	/**
	 * Starts Hibernate on a schema with the given {@code hbm2ddl.auto} action and closes it.
	 * @param jdbcUrl the database
	 * @param schema the schema that holds the tables
	 * @param action {@code create} or {@code validate}
	 * @param entities the entity classes
	 */
	public static void run(String jdbcUrl, String schema, String action, Collection<Class<?>> entities) {
		Configuration configuration = new Configuration();
		entities.forEach(configuration::addAnnotatedClass);
		configuration.setProperty(AvailableSettings.JAKARTA_JDBC_URL, jdbcUrl);
		configuration.setProperty(AvailableSettings.JAKARTA_JDBC_USER, "postgres");
		configuration.setProperty(AvailableSettings.DEFAULT_SCHEMA, schema);
		configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, action);
		configuration.setProperty(AvailableSettings.PHYSICAL_NAMING_STRATEGY,
				CamelCaseToUnderscoresNamingStrategy.class.getName());
		configuration.setProperty(AvailableSettings.IMPLICIT_NAMING_STRATEGY,
				SpringLikeImplicitNamingStrategy.class.getName());
		// Hibernate Validator's constraints feed the DDL, as in an application with validation
		configuration.getProperties().put(AvailableSettings.JAKARTA_VALIDATION_FACTORY, Validation.byDefaultProvider()
			.configure()
			.messageInterpolator(new ParameterMessageInterpolator())
			.buildValidatorFactory());
		configuration.setProperty(AvailableSettings.POOL_SIZE, "1");
		try (SessionFactory sessionFactory = configuration.buildSessionFactory()) {
			sessionFactory.getMetamodel();
		}
	}

	/**
	 * Returns the corpus of entity shapes, each a small entity or group of entities that
	 * covers one kind of mapping.
	 * @return the entity classes
	 */
	public static List<Class<?>> corpus() {
		return List.of(Author.class, Book.class, Publisher.class, BasicTypes.class, LobHolder.class, EnumHolder.class,
				Customer.class, Invoice.class, Person.class, Tag.class, Article.class, Student.class, Course.class,
				PurchaseOrder.class, OrderLine.class, Playlist.class, Song.class, Profile.class, UserAccount.class,
				Product.class, Ticket.class, Note.class, Document.class, Country.class, City.class, Employee.class,
				Counter.class, RequiredFields.class, ShipmentLine.class, Album.class, Track.class, Team.class, Member.class,
				Measurement.class, Site.class, Warehouse.class, Token.class, Voucher.class, Edition.class, Quote.class);
	}

}
