package dev.forge.sample.petclinic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.forge.testsupport.TestDatabase;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Runs the pet clinic in this JVM, as {@code java -jar forge-jpa-sample.jar ...} runs it,
 * on a test database.
 */
final class PetClinicRuns {

	private PetClinicRuns() {
	}

	/**
	 * Runs the application; a {@code migrate} command returns once it is done.
	 * @param database the database
	 * @param args the application's arguments
	 * @return the application's context (closed after a command)
	 */
	static ConfigurableApplicationContext run(TestDatabase database, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--spring.datasource.url=" + database.jdbcUrl());
		if (!database.jdbcUrl().contains("user=")) {
			all.add("--spring.datasource.username=postgres");
		}
		if (all.stream().noneMatch((arg) -> arg.startsWith("--server.port="))) {
			all.add("--spring.main.web-application-type=none");
		}
		return new SpringApplication(PetClinicApplication.class).run(all.toArray(String[]::new));
	}

	/**
	 * Runs a {@code migrate} command.
	 * @param database the database
	 * @param command the command and its arguments
	 * @return the exit code: 0, or the code of the command's failure
	 */
	static int migrate(TestDatabase database, String... command) {
		String[] args = new String[command.length + 1];
		args[0] = "migrate";
		System.arraycopy(command, 0, args, 1, command.length);
		try {
			run(database, args);
			return 0;
		}
		catch (RuntimeException ex) {
			if (ex instanceof ExitCodeGenerator generator) {
				return generator.getExitCode();
			}
			throw ex;
		}
	}

	/**
	 * Returns the names of the sample's migrations, in order.
	 * @return the file names without {@code .sql}
	 */
	static List<String> migrationNames() {
		try {
			Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:migrations/*.sql");
			return Arrays.stream(files).map((file) -> file.getFilename().replace(".sql", "")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
