package dev.forge.core.internal.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import dev.forge.core.MigrationResource;
import dev.forge.core.MigrationSource;

/**
 * Migration files in a classpath folder, in directories and in jars alike (not in
 * subfolders).
 */
public final class ClasspathMigrationSource implements MigrationSource {

	private final String folder;

	private final ClassLoader classLoader;

	/**
	 * Creates a source for a classpath folder.
	 * @param folder the folder, e.g. {@code migrations} or {@code db/migrations}
	 * @param classLoader the class loader to search
	 */
	public ClasspathMigrationSource(String folder, ClassLoader classLoader) {
		this.folder = trimSlashes(folder);
		this.classLoader = classLoader;
	}

	@Override
	public List<MigrationResource> resources() {
		List<MigrationResource> resources = new ArrayList<>();
		try {
			for (URL root : Collections.list(this.classLoader.getResources(this.folder))) {
				if ("jar".equals(root.getProtocol())) {
					addFromJar(root, resources);
				}
				else if ("file".equals(root.getProtocol())) {
					for (MigrationResource file : new DirectoryMigrationSource(Path.of(root.toURI())).resources()) {
						resources.add(new ClasspathResource(file.fileName(), "classpath:" + this.folder + "/"
								+ file.fileName() + " (" + file.location() + ")", this));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not list classpath:" + this.folder, ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("Could not list classpath:" + this.folder, ex);
		}
		return resources;
	}

	private void addFromJar(URL root, List<MigrationResource> resources) throws IOException {
		JarURLConnection connection = (JarURLConnection) root.openConnection();
		connection.setUseCaches(false);
		String prefix = connection.getEntryName() + "/";
		try (JarFile jar = connection.getJarFile()) {
			for (JarEntry entry : Collections.list(jar.entries())) {
				String name = entry.getName();
				if (!entry.isDirectory() && name.startsWith(prefix) && name.endsWith(".sql")
						&& name.indexOf('/', prefix.length()) < 0) {
					String fileName = name.substring(prefix.length());
					resources.add(new ClasspathResource(fileName, "classpath:" + this.folder + "/" + fileName, this));
				}
			}
		}
	}

	String read(String fileName) throws IOException {
		try (InputStream input = this.classLoader.getResourceAsStream(this.folder + "/" + fileName)) {
			if (input == null) {
				throw new IOException("classpath:" + this.folder + "/" + fileName + " has disappeared");
			}
			return Utf8Text.decode(input.readAllBytes(), "classpath:" + this.folder + "/" + fileName);
		}
	}

	private static String trimSlashes(String folder) {
		String trimmed = folder;
		while (trimmed.startsWith("/")) {
			trimmed = trimmed.substring(1);
		}
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed;
	}

	@Override
	public String toString() {
		return "classpath:" + this.folder;
	}

	private record ClasspathResource(String fileName, String location,
			ClasspathMigrationSource source) implements MigrationResource {

		@Override
		public String read() throws IOException {
			return this.source.read(this.fileName);
		}

	}

}
