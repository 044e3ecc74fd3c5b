package dev.forge.core.migration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationNameTests {

	@Test
	void ordersByNumberNumericallyThenByName() {
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
