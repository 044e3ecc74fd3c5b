package dev.forge.core.internal.migration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import dev.forge.core.MigrationFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationNameTests {

	@ParameterizedTest
	@ValueSource(strings = { "0001_initial.sql", "0001_20240110_100000_initial.sql", "12345_a.sql", "0002_add_users_2.sql" })
	void validNamesAreAccepted(String fileName) {
		MigrationName name = MigrationName.ofFileName(fileName, "migrations/" + fileName);

		assertThat(name.value()).isEqualTo(fileName.replace(".sql", ""));
		assertThat(fileName).startsWith(name.number() + "_");
	}

	@ParameterizedTest
	@ValueSource(strings = { "V1__init.sql", "001_short.sql", "0001-dash.sql", "0001_Upper.sql", "0001_.sql",
			"0001_space here.sql", "0001_init.SQL", "0001init.sql", "0001_init.sql.bak" })
	void invalidNamesAreErrorsThatNameTheFile(String fileName) {
		assertThatExceptionOfType(MigrationFileException.class)
			.isThrownBy(() -> MigrationName.ofFileName(fileName, "migrations/" + fileName))
			.withMessageStartingWith("migrations/" + fileName + ": '" + fileName + "' is not a valid migration file name")
			.withMessageContaining("NNNN_slug.sql");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0001_initial", "12345_a_b_9" })
	void historyNamesParseLikeFileNames(String value) {
		assertThat(MigrationName.isValid(value)).isTrue();
		assertThat(MigrationName.parse(value)).contains(MigrationName.ofFileName(value + ".sql", value));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "0001", "0001_", "001_a", "0001_A", "0001_a.sql", "x0001_a", "\u0661\u0662\u0663\u0664_a" })
	void invalidHistoryNamesDoNotParse(String value) {
		assertThat(MigrationName.isValid(value)).isFalse();
		assertThat(MigrationName.parse(value)).isEmpty();
	}

	@Test
	void acceptsExactlyTheDocumentedPattern() {
		Pattern documented = Pattern.compile("(\\d{4,})_([a-z0-9_]+)\\.sql");
		String alphabet = "0123456789_az.sqlA -";
		long seed = System.nanoTime();
		Random random = new Random(seed);
		for (int i = 0; i < 20_000; i++) {
			StringBuilder name = new StringBuilder();
			int length = random.nextInt(12);
			for (int j = 0; j < length; j++) {
				name.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			if (random.nextBoolean()) {
				name.insert(0, "0001_".substring(0, random.nextInt(6)));
				name.append(".sql");
			}
			String fileName = name.toString();
			boolean valid;
			try {
				MigrationName.ofFileName(fileName, fileName);
				valid = true;
			}
			catch (MigrationFileException ex) {
				valid = false;
			}
			assertThat(valid).as("'%s' (seed %d)", fileName, seed).isEqualTo(documented.matcher(fileName).matches());
		}
	}

	@Test
	void namesSortByNumberNumericallyThenByName() {
		List<MigrationName> names = new ArrayList<>();
		for (String file : List.of("10000_z.sql", "9999_a.sql", "0002_b.sql", "0002_a.sql", "0001_x.sql")) {
			names.add(MigrationName.ofFileName(file, file));
		}
		Collections.shuffle(names);
		Collections.sort(names);

		assertThat(names).extracting(MigrationName::value)
			.containsExactly("0001_x", "0002_a", "0002_b", "9999_a", "10000_z");
	}

	@Test
	void leadingZerosDoNotChangeTheNumber() {
		List<MigrationName> names = new ArrayList<>();
		for (String file : List.of("10000_a.sql", "0010_b.sql", "9999_a.sql", "00010_a.sql", "0009_z.sql",
				"0010_a.sql", "0000_a.sql")) {
			names.add(MigrationName.ofFileName(file, file));
		}
		Collections.shuffle(names);
		Collections.sort(names);

		assertThat(names).extracting(MigrationName::value)
			.containsExactly("0000_a", "0009_z", "00010_a", "0010_a", "0010_b", "9999_a", "10000_a");
	}

}
