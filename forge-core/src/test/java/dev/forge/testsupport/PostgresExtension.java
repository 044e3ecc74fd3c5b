package dev.forge.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own new, empty PostgreSQL database, dropped after the class.
 * Test methods, lifecycle methods and constructors receive it as a {@link TestDatabase}
 * parameter. Use through {@link PostgresTest}.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(PostgresExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		database(context);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		TestDatabase database = context.getStore(NAMESPACE).remove("database", TestDatabase.class);
		if (database != null) {
			database.close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == TestDatabase.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return database(context);
	}

	private TestDatabase database(ExtensionContext context) {
		ExtensionContext classContext = context;
		while (classContext.getParent().isPresent() && classContext.getTestMethod().isPresent()) {
			classContext = classContext.getParent().get();
		}
		String hint = classContext.getRequiredTestClass().getSimpleName();
		return classContext.getStore(NAMESPACE)
			.getOrComputeIfAbsent("database", (key) -> TestPostgres.server().createDatabase(hint), TestDatabase.class);
	}

}
