package dev.forge.boot.dashboard;

import dev.forge.boot.ForgeOperations;
import dev.forge.boot.autoconfigure.ForgeAutoConfiguration;
import dev.forge.boot.autoconfigure.ForgeProperties;
import jakarta.servlet.Servlet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the FORGE dashboard, served at {@code forge.dashboard.path} in
 * a servlet web application once {@code forge.dashboard.enabled} is {@code true}.
 *
 * @author FORGE
 * @since 0.1.0
 */
@AutoConfiguration(after = ForgeAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ Servlet.class, ServletRegistrationBean.class, JsonMapper.class })
@ConditionalOnBooleanProperty("forge.dashboard.enabled")
@ConditionalOnBean(ForgeOperations.class)
@EnableConfigurationProperties(ForgeProperties.class)
public final class ForgeDashboardAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ForgeDashboardAutoConfiguration.class);

	@Bean
	ServletRegistrationBean<ForgeDashboardServlet> forgeDashboard(ForgeOperations operations,
			ForgeProperties properties, ObjectProvider<JsonMapper> jsonMapper) {
		ForgeProperties.Dashboard dashboard = properties.getDashboard();
		String path = dashboard.getPath().endsWith("/")
				? dashboard.getPath().substring(0, dashboard.getPath().length() - 1) : dashboard.getPath();
		DashboardApi api = new DashboardApi(operations, properties.getMigrations().getOutputDir());
		SqlConsole console = dashboard.isSqlConsole()
				? new SqlConsole(operations.getForge().configuration().dataSource()) : null;
		ForgeDashboardServlet servlet = new ForgeDashboardServlet(api,
				new DashboardJson(jsonMapper.getIfAvailable(JsonMapper::shared)), console,
				new DashboardGuard(dashboard.isAllowRemote(), dashboard.getAllowedHosts(), DashboardGuard.newToken()));
		ServletRegistrationBean<ForgeDashboardServlet> registration = new ServletRegistrationBean<>(servlet,
				path + "/*");
		registration.setName("forgeDashboard");
		logger.info("FORGE dashboard available at '" + path + "/'"
				+ (dashboard.isAllowRemote() ? " (for " + String.join(", ", dashboard.getAllowedHosts()) + ")"
						: " (loopback clients only)")
				+ (dashboard.isSqlConsole() ? ", with the SQL console" : ""));
		return registration;
	}

}
