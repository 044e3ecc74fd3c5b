package dev.forge.core.internal.script;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden-file cases for {@link SqlSplitter}: every {@code split/NAME.sql} must split into the
 * statements listed in {@code split/NAME.golden}, each introduced by a {@code >>> line N}
 * line and followed by its exact {@code sql()}.
 */
class SqlSplitterGoldenTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource("scripts")
	void scriptSplitsIntoTheGoldenStatements(Path script) throws IOException {
		String sql = Files.readString(script, StandardCharsets.UTF_8);
		Path golden = script.resolveSibling(script.getFileName().toString().replace(".sql", ".golden"));
		List<SqlStatement> statements = SqlSplitter.split(sql);
		assertThat(String.join("", statements.stream().map(SqlStatement::text).toList())).isEqualTo(sql);
		assertThat(render(statements)).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
	}

	static Stream<Path> scripts() throws IOException, URISyntaxException {
		URL directory = SqlSplitterGoldenTests.class.getResource("split");
		assertThat(directory).isNotNull();
		try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
			List<Path> scripts = files.filter((file) -> file.toString().endsWith(".sql")).sorted().toList();
			assertThat(scripts).isNotEmpty();
			return scripts.stream();
		}
	}

	private static String render(List<SqlStatement> statements) {
		StringBuilder golden = new StringBuilder();
		for (SqlStatement statement : statements) {
			if (!statement.isEmpty()) {
				golden.append(">>> line ").append(statement.line()).append('\n').append(statement.sql()).append('\n');
			}
		}
		return golden.toString();
	}

}
