package dev.forge.core.internal.model;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A record component or field of a model, with the annotations found on all the places a
 * Java compiler may put them: the field, the record component, its accessor, and the
 * annotated types of each (for type-use annotations such as JSpecify's {@code @Nullable}).
 */
final class ModelProperty {

	private final String name;

	private final Class<?> type;

	private final Type genericType;

	private final List<Annotation> annotations;

	private ModelProperty(String name, Class<?> type, Type genericType, List<Annotation> annotations) {
		this.name = name;
		this.type = type;
		this.genericType = genericType;
		this.annotations = annotations;
	}

	static List<ModelProperty> of(Class<?> model) {
		return model.isRecord() ? ofRecord(model) : ofClass(model);
	}

	private static List<ModelProperty> ofRecord(Class<?> model) {
		List<ModelProperty> properties = new ArrayList<>();
		for (RecordComponent component : model.getRecordComponents()) {
			List<Annotation> annotations = new ArrayList<>();
			collect(annotations, component);
			collectTypeUse(annotations, component.getAnnotatedType());
			Method accessor = component.getAccessor();
			collect(annotations, accessor);
			collectTypeUse(annotations, accessor.getAnnotatedReturnType());
			try {
				Field field = model.getDeclaredField(component.getName());
				collect(annotations, field);
				collectTypeUse(annotations, field.getAnnotatedType());
			}
			catch (NoSuchFieldException ex) {
				// every record component has a field; nothing more to collect if not
			}
			properties.add(new ModelProperty(component.getName(), component.getType(), component.getGenericType(),
					annotations));
		}
		return properties;
	}

	private static List<ModelProperty> ofClass(Class<?> model) {
		List<Class<?>> hierarchy = new ArrayList<>();
		for (Class<?> type = model; type != null && type != Object.class; type = type.getSuperclass()) {
			hierarchy.add(0, type);
		}
		List<ModelProperty> properties = new ArrayList<>();
		for (Class<?> type : hierarchy) {
			for (Field field : type.getDeclaredFields()) {
				int modifiers = field.getModifiers();
				if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
					continue;
				}
				List<Annotation> annotations = new ArrayList<>();
				collect(annotations, field);
				collectTypeUse(annotations, field.getAnnotatedType());
				properties.add(new ModelProperty(field.getName(), field.getType(), field.getGenericType(), annotations));
			}
		}
		return properties;
	}

	private static void collect(List<Annotation> annotations, AnnotatedElement element) {
		annotations.addAll(Arrays.asList(element.getAnnotations()));
	}

	/**
	 * Collects type-use annotations, including those on the element type of an
	 * {@code Optional}, such as {@code Optional<@Size(max = 20) String>}.
	 */
	private static void collectTypeUse(List<Annotation> annotations, AnnotatedType type) {
		annotations.addAll(Arrays.asList(type.getAnnotations()));
		if (type instanceof AnnotatedParameterizedType parameterized && type.getType() instanceof ParameterizedType raw
				&& raw.getRawType() == Optional.class) {
			annotations.addAll(Arrays.asList(parameterized.getAnnotatedActualTypeArguments()[0].getAnnotations()));
		}
	}

	String name() {
		return this.name;
	}

	Class<?> type() {
		return this.type;
	}

	Type genericType() {
		return this.genericType;
	}

	<A extends Annotation> Optional<A> annotation(Class<A> annotationType) {
		return this.annotations.stream().filter(annotationType::isInstance).map(annotationType::cast).findFirst();
	}

	boolean has(Class<? extends Annotation> annotationType) {
		return annotation(annotationType).isPresent();
	}

	boolean hasAnnotationNamed(String simpleName) {
		return this.annotations.stream()
			.anyMatch((annotation) -> annotation.annotationType().getSimpleName().equals(simpleName));
	}

	static @Nullable String emptyToNull(String value) {
		return value.isEmpty() ? null : value;
	}

}
