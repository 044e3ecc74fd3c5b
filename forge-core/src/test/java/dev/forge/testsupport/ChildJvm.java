package dev.forge.testsupport;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.forge.core.Forge;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;

/**
 * The command line of a child JVM that runs the engine, for tests that kill nodes: a client
 * JIT, class data sharing and a class path of only what the engine needs, since most of a
 * kill's time is the child's start.
 */
public final class ChildJvm {

	private ChildJvm() {
	}

	/**
	 * Returns the command that runs a main class in a child JVM.
	 * @param main the class whose {@code main} runs
	 * @param arguments its arguments
	 * @return the command
	 */
	public static List<String> command(Class<?> main, String... arguments) {
		return command(List.of(), main, arguments);
	}

	/**
	 * Returns the command that runs a main class in a child JVM with options of its own.
	 * @param options further JVM options, e.g. {@code -Xmx64m} for many small nodes
	 * @param main the class whose {@code main} runs
	 * @param arguments its arguments
	 * @return the command
	 */
	public static List<String> command(List<String> options, Class<?> main, String... arguments) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(
				List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseSerialGC", "-XX:-UsePerfData"));
		command.addAll(options);
		command.addAll(List.of("-cp", classPath(main), main.getName()));
		command.addAll(List.of(arguments));
		return command;
	}

	/** The class path of the engine and its runtime dependencies, without the test libraries. */
	private static String classPath(Class<?> main) {
		List<Class<?>> classes = List.of(main, Forge.class, PGSimpleDataSource.class, Logger.class, Nullable.class,
				NotNull.class);
		return classes.stream().map(ChildJvm::location).distinct().collect(Collectors.joining(File.pathSeparator));
	}

	private static String location(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
