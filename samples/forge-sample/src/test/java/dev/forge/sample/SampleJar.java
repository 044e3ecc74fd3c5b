package dev.forge.sample;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.forge.testsupport.TestDatabase;

/**
 * Runs the packaged sample, {@code target/forge-sample.jar}, as a separate process.
 */
final class SampleJar {

	private static final Path JAR = Path.of(System.getProperty("sample.jar", "target/forge-sample.jar"));

	private SampleJar() {
	}

	/**
	 * Starts the jar.
	 * @param args the application's arguments
	 * @return the running process
	 */
	static Running start(String... args) throws IOException {
		return start(List.of(), args);
	}

	/**
	 * Starts the jar with options for the JVM.
	 * @param jvmOptions options before {@code -jar}, e.g. to log what the JVM loads
	 * @param args the application's arguments
	 * @return the running process
	 */
	static Running start(List<String> jvmOptions, String... args) throws IOException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR + " is missing: these tests run after 'mvn package'");
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Xshare:auto");
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(JAR.toAbsolutePath().toString());
		command.addAll(List.of(args));
		Path out = Files.createTempFile("forge-sample", ".out");
		Path err = Files.createTempFile("forge-sample", ".err");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
		return new Running(process, out, err);
	}

	/**
	 * Points arguments at a test database.
	 * @param database the database
	 * @param args the other arguments
	 * @return the arguments with the database's URL (and user) first
	 */
	static String[] on(TestDatabase database, String... args) {
		List<String> all = new ArrayList<>();
		all.add("--spring.datasource.url=" + database.jdbcUrl());
		if (!database.jdbcUrl().contains("user=")) {
			all.add("--spring.datasource.username=postgres");
		}
		all.addAll(List.of(args));
		return all.toArray(String[]::new);
	}

	/**
	 * Runs the jar to its end.
	 * @param args the application's arguments
	 * @return how it ended
	 */
	static Result run(String... args) throws Exception {
		return start(args).waitFor(180);
	}

	record Running(Process process, Path out, Path err) {

		Result waitFor(long seconds) throws Exception {
			if (!this.process.waitFor(seconds, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				throw new AssertionError("The sample did not exit within " + seconds + " s:\n" + output());
			}
			return new Result(this.process.exitValue(), read(this.out), read(this.err));
		}

		Result stop() throws Exception {
			this.process.destroy();
			return waitFor(60);
		}

		String output() throws IOException {
			return read(this.out) + read(this.err);
		}

		private static String read(Path file) throws IOException {
			return Files.readString(file, StandardCharsets.UTF_8);
		}

	}

	record Result(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit code " + this.exitCode + "\n--- stdout ---\n" + this.out + "\n--- stderr ---\n" + this.err;
		}

	}

}
