package dev.forge.core.schema;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ColumnTypeTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			character varying(200)         | varchar(200)
			VARCHAR ( 200 )                | varchar(200)
			char varying(5)                | varchar(5)
			character(3)                   | char(3)
			bpchar                         | char
			int                            | integer
			INT4                           | integer
			pg_catalog.int8                | bigint
			pg_catalog . int4              | integer
			"varchar"(10)                  | varchar(10)
			numeric(10,2)                  | numeric(10,2)
			DECIMAL(10, 2)                 | numeric(10,2)
			float                          | double precision
			float8                         | double precision
			double   precision             | double precision
			float4                         | real
			bool                           | boolean
			timestamp with time zone       | timestamptz
			timestamp(3) with time zone    | timestamptz(3)
			timestamp without time zone    | timestamp
			time(6) without time zone      | time(6)
			time with time zone            | timetz
			bit varying(8)                 | varbit(8)
			integer[]                      | integer[]
			text [ ]                       | text[]
			character varying(20)[]        | varchar(20)[]
			int ARRAY                      | integer[]
			int[3]                         | integer[]
			serial4                        | serial
			serial8                        | bigserial
			app.money_amount               | app.money_amount
			geometry(Point, 4326)          | geometry(point,4326)
			interval day to second(3)      | interval day to second(3)
			jsonb                          | jsonb
			""")
	void spellingsFromModelsCatalogsAndMigrationsAgree(String spelling, String canonical) {
		assertThat(ColumnType.parse(spelling)).hasToString(canonical);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "(10)", "varchar(10", "text[", ";" })
	void textThatNamesNoTypeIsAnError(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> ColumnType.parse(text)).withMessageContaining("'" + text + "'");
	}

	@ParameterizedTest(name = "{1} from {0}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			varchar(10)    | varchar(20)    | true
			varchar(20)    | varchar(10)    | false
			varchar(10)    | text           | true
			text           | varchar(10)    | false
			numeric(10,2)  | numeric(12,2)  | true
			numeric(10,2)  | numeric(12,3)  | false
			numeric(10,2)  | numeric        | true
			integer        | bigint         | false
			integer[]      | integer        | false
			""")
	void wideningChangesAreThoseNoValueAndNoOldReaderNotices(String from, String to, boolean widening) {
		assertThat(ColumnType.parse(to).isWideningOf(ColumnType.parse(from))).isEqualTo(widening);
	}

	@ParameterizedTest
	@ValueSource(strings = { "varchar(200)", "numeric(10,2)", "timestamptz", "text[]", "double precision" })
	void aTypeParsesBackFromItsOwnText(String text) {
		ColumnType type = ColumnType.parse(text);

		assertThat(ColumnType.parse(type.toString())).isEqualTo(type);
		assertThat(ColumnType.parse(type.sql())).isEqualTo(type);
		assertThat(type.modifiers()).isEqualTo(List.copyOf(type.modifiers()));
	}

}
