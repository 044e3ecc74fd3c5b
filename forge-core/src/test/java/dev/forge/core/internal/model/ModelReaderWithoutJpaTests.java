package dev.forge.core.internal.model;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collection;
import java.util.List;

import dev.forge.core.sample.Project;
import dev.forge.core.sample.User;
import dev.forge.core.schema.Schema;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code jakarta.persistence} is an optional dependency: the reader maps
 * {@code @ForgeModel} classes on a class path without it.
 */
class ModelReaderWithoutJpaTests {

	@Test
	void readsForgeModelsWithoutJakartaPersistenceOnTheClassPath() throws Exception {
		try (URLClassLoader loader = new URLClassLoader(new URL[] { location(ModelReader.class),
				location(Project.class), location(jakarta.validation.constraints.NotNull.class),
				location(NullMarked.class) }, ClassLoader.getPlatformClassLoader())) {
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> loader.loadClass("jakarta.persistence.Entity"));
			Class<?> reader = loader.loadClass(ModelReader.class.getName());
			Method read = reader.getMethod("read", Collection.class);
			Object schema = read.invoke(reader.getConstructor().newInstance(),
					List.of(loader.loadClass(Project.class.getName()), loader.loadClass(User.class.getName())));

			assertThat(schema.getClass().getName()).isEqualTo(Schema.class.getName());
			assertThat(schema.toString()).contains("Table[name=projects").contains("Table[name=users");
		}
	}

	private static URL location(Class<?> type) {
		return type.getProtectionDomain().getCodeSource().getLocation();
	}

}
