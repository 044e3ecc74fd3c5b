package dev.forge.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * A PgBouncer (Debian's {@code pgbouncer}) in front of a test database, in transaction
 * pooling mode, run as a child process for one test class.
 */
public final class PgBouncer implements AutoCloseable {

	private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

	private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"));

	private final Process process;

	private final Path directory;

	private final int port;

	private final String database;

	private PgBouncer(Process process, Path directory, int port, String database) {
		this.process = process;
		this.directory = directory;
		this.port = port;
		this.database = database;
	}

	/**
	 * Starts PgBouncer in transaction pooling mode in front of a database, or skips the
	 * calling test, saying why, when PgBouncer is not installed.
	 * @param target the database
	 * @param poolSize the number of server connections PgBouncer keeps for it
	 * @return the running PgBouncer
	 */
	public static PgBouncer start(TestDatabase target, int poolSize) throws IOException, InterruptedException {
		Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
		Assumptions.assumeTrue(binary != null,
				"PgBouncer is not installed (Debian: apt-get install pgbouncer): the PgBouncer tests are skipped");
		Matcher url = URL.matcher(target.jdbcUrl());
		if (!url.matches()) {
			throw new IllegalStateException("Cannot read host and port of " + target.jdbcUrl());
		}
		int serverPort = (url.group(2) != null) ? Integer.parseInt(url.group(2)) : 5432;
		int port = freePort();
		Path directory = Files.createTempDirectory("pgbouncer");
		// PgBouncer refuses to run as root: it is started as 'postgres', which must read and write here
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
		Path config = directory.resolve("pgbouncer.ini");
		Files.writeString(config, String.join("\n", "[databases]",
				"* = host=" + url.group(1) + " port=" + serverPort + " user=postgres", "[pgbouncer]",
				"listen_addr = 127.0.0.1", "listen_port = " + port, "unix_socket_dir =", "auth_type = any",
				"pool_mode = transaction", "default_pool_size = " + poolSize, "max_client_conn = 200",
				"ignore_startup_parameters = extra_float_digits,options", "logfile = " + directory.resolve("log"),
				""), StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
		List<String> command = new ArrayList<>(List.of(binary.toString()));
		if ("root".equals(System.getProperty("user.name"))) {
			command.addAll(List.of("-u", "postgres"));
		}
		command.add(config.toString());
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(directory.resolve("out").toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
		PgBouncer bouncer = new PgBouncer(process, directory, port, url.group(3));
		bouncer.awaitListening();
		return bouncer;
	}

	/**
	 * Returns the JDBC URL of the database through PgBouncer. Server-side prepared
	 * statements are off, as PgBouncer before 1.21 needs in transaction pooling mode.
	 * @return the URL
	 */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + this.database + "?user=postgres&prepareThreshold=0";
	}

	private void awaitListening() throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("PgBouncer ended at start:\n" + log());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(50);
			}
		}
		throw new IllegalStateException("PgBouncer did not listen on port " + this.port + " within 10 s:\n" + log());
	}

	/**
	 * Returns what PgBouncer logged.
	 * @return the log
	 */
	public String log() {
		try {
			Path log = this.directory.resolve("log");
			return (Files.exists(log) ? Files.readString(log) : "") + Files.readString(this.directory.resolve("out"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
