package dev.forge.core.internal.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

import dev.forge.core.internal.model.jpa.EntityReader;
import dev.forge.core.internal.model.jpa.EntitySchema;

/**
 * Finds JPA entities among the models by annotation name, so that the engine runs without
 * {@code jakarta.persistence} on the classpath, and reaches the entity reader only when
 * there are entities.
 */
final class Entities {

	private Entities() {
	}

	/** Whether a class is annotated with {@code @jakarta.persistence.Entity}. */
	static boolean isEntity(Class<?> type) {
		return hasAnnotationNamed(type, "jakarta.persistence.Entity");
	}

	/** Whether a class is an {@code @Embeddable} or {@code @MappedSuperclass}: part of entities. */
	static boolean isEntityPart(Class<?> type) {
		return hasAnnotationNamed(type, "jakarta.persistence.Embeddable")
				|| hasAnnotationNamed(type, "jakarta.persistence.MappedSuperclass");
	}

	private static boolean hasAnnotationNamed(Class<?> type, String name) {
		return Arrays.stream(type.getAnnotations())
			.anyMatch((annotation) -> annotation.annotationType().getName().equals(name));
	}

	static EntitySchema read(String schemaName, Collection<Class<?>> entities, Map<Class<?>, String> modelTables) {
		return new EntityReader(schemaName, modelTables).read(entities);
	}

}
