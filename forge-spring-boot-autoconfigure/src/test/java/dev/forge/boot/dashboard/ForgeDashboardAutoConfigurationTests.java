package dev.forge.boot.dashboard;

import javax.sql.DataSource;

import dev.forge.boot.autoconfigure.ForgeAutoConfiguration;
import jakarta.servlet.Servlet;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ForgeDashboardAutoConfiguration}: off by default, servlet web
 * applications only, served at the configured path. No database is touched.
 */
class ForgeDashboardAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ForgeAutoConfiguration.class, ForgeDashboardAutoConfiguration.class))
		.withBean(DataSource.class, PGSimpleDataSource::new)
		.withPropertyValues("forge.migrations.apply-on=none");

	@Test
	void isOffByDefault() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
	}

	@Test
	void registersTheServletAtTheDefaultPathWhenEnabled() {
		this.contextRunner.withPropertyValues("forge.dashboard.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(ServletRegistrationBean.class);
			ServletRegistrationBean<?> registration = context.getBean(ServletRegistrationBean.class);
			assertThat(registration.getServlet()).isInstanceOf(ForgeDashboardServlet.class);
			assertThat(registration.getUrlMappings()).containsExactly("/_forge/*");
		});
	}

	@Test
	void servesAtAConfiguredPathWithOrWithoutTrailingSlash() {
		this.contextRunner.withPropertyValues("forge.dashboard.enabled=true", "forge.dashboard.path=/admin/db/")
			.run((context) -> assertThat(context.getBean(ServletRegistrationBean.class).getUrlMappings())
				.containsExactly("/admin/db/*"));
	}

	@Test
	void isNotRegisteredOutsideAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ForgeAutoConfiguration.class, ForgeDashboardAutoConfiguration.class))
			.withBean(DataSource.class, PGSimpleDataSource::new)
			.withPropertyValues("forge.migrations.apply-on=none", "forge.dashboard.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
	}

	@Test
	void isNotRegisteredWithoutTheServletApi() {
		this.contextRunner.withPropertyValues("forge.dashboard.enabled=true")
			.withClassLoader(new FilteredClassLoader(Servlet.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
	}

	@Test
	void isNotRegisteredWhenMigrationsAreDisabled() {
		this.contextRunner.withPropertyValues("forge.dashboard.enabled=true", "forge.migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
	}

}
