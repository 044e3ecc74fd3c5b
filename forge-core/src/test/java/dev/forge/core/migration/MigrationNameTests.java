package dev.forge.core.migration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.forge.core.MigrationFileException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

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

}
