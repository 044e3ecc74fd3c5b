package dev.forge.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A backfill whose new values come from Java, for logic SQL cannot express. Declared as a bean
 * (or given to {@link ForgeConfiguration.Builder#javaBackfills}) and started by name; it then
 * runs like a backfill file: in batches keyed on the table's primary key, each one short
 * transaction under {@code lock_timeout}, on any node that declares it, until no row matches
 * {@link #where()}.
 *
 * <pre>{@code
 * @Bean
 * JavaBackfill backfillWordCount() {
 *     return JavaBackfill.named("backfill_word_count")
 *         .update("projects").reading("description").where("word_count IS NULL")
 *         .batch((rows) -> rows.forEach((row) ->
 *                 row.set("word_count", Words.count(row.getString("description")))));
 * }
 * }</pre>
 */
public final class JavaBackfill {

	private final String name;

	private final String table;

	private final List<String> reads;

	private final String where;

	private final BatchFunction function;

	private final @Nullable Integer batchSize;

	private final Duration pause;

	private final @Nullable Integer maxRowsPerSecond;

	private final @Nullable Duration lockTimeout;

	private JavaBackfill(Builder builder, BatchFunction function) {
		this.name = builder.name;
		this.table = Objects.requireNonNull(builder.table, () -> "backfill " + builder.name + ": update(table) is required");
		this.where = Objects.requireNonNull(builder.where, () -> "backfill " + builder.name
				+ ": where(rows still to do) is required, so that the job ends");
		this.reads = List.copyOf(builder.reads);
		this.function = Objects.requireNonNull(function, "function");
		this.batchSize = builder.batchSize;
		this.pause = builder.pause;
		this.maxRowsPerSecond = builder.maxRowsPerSecond;
		this.lockTimeout = builder.lockTimeout;
	}

	/**
	 * Starts declaring a Java backfill.
	 * @param name the job's name, unique among jobs (e.g. {@code backfill_word_count})
	 * @return the builder
	 */
	public static Builder named(String name) {
		if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
			throw new IllegalArgumentException("a Java backfill's name is lower case letters, digits and '_', starting"
					+ " with a letter (e.g. backfill_word_count), not '" + name + "'");
		}
		return new Builder(name);
	}

	/**
	 * Returns the job's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the table the backfill updates, as given (possibly schema-qualified).
	 * @return the table
	 */
	public String table() {
		return this.table;
	}

	/**
	 * Returns the columns each row carries to the function besides its primary key.
	 * @return the columns read
	 */
	public List<String> reads() {
		return this.reads;
	}

	/**
	 * Returns the SQL condition of the rows still to do; the function's new values must make a
	 * row stop matching it.
	 * @return the condition
	 */
	public String where() {
		return this.where;
	}

	/**
	 * Returns the function that sets the new values of a batch of rows.
	 * @return the function
	 */
	public BatchFunction function() {
		return this.function;
	}

	/**
	 * Returns the first batch size, or {@code null} for the default.
	 * @return the batch size
	 */
	public @Nullable Integer batchSize() {
		return this.batchSize;
	}

	/**
	 * Returns the pause after each batch.
	 * @return the pause, zero by default
	 */
	public Duration pause() {
		return this.pause;
	}

	/**
	 * Returns the most rows per second each node updates, or {@code null} for no limit. The
	 * limit is per node: two nodes running the job may update up to twice as many.
	 * @return the limit
	 */
	public @Nullable Integer maxRowsPerSecond() {
		return this.maxRowsPerSecond;
	}

	/**
	 * Returns the lock timeout of each batch, or {@code null} for {@code forge.migrations.lock-timeout}.
	 * @return the lock timeout
	 */
	public @Nullable Duration lockTimeout() {
		return this.lockTimeout;
	}

	@Override
	public String toString() {
		return "JavaBackfill " + this.name + " (UPDATE " + this.table + " ... WHERE " + this.where + ")";
	}

	/**
	 * Sets the new values of one batch of rows, in the batch's transaction: call
	 * {@link BackfillRow#set(String, Object)} on each row. A row left unchanged that still
	 * matches the backfill's {@code WHERE} fails the job, which would otherwise never end.
	 */
	@FunctionalInterface
	public interface BatchFunction {

		/**
		 * Sets the new values of a batch.
		 * @param rows the batch's rows, in primary-key order, locked until the batch commits
		 * @throws Exception to fail the batch, which is retried with backoff
		 */
		void update(List<BackfillRow> rows) throws Exception;

	}

	/**
	 * Declares a {@link JavaBackfill}.
	 */
	public static final class Builder {

		private final String name;

		private @Nullable String table;

		private final List<String> reads = new ArrayList<>();

		private @Nullable String where;

		private @Nullable Integer batchSize;

		private Duration pause = Duration.ZERO;

		private @Nullable Integer maxRowsPerSecond;

		private @Nullable Duration lockTimeout;

		private Builder(String name) {
			this.name = name;
		}

		/**
		 * Sets the table to update.
		 * @param table the table, possibly schema-qualified
		 * @return this builder
		 */
		public Builder update(String table) {
			this.table = table;
			return this;
		}

		/**
		 * Adds columns each row carries to the function.
		 * @param columns the columns
		 * @return this builder
		 */
		public Builder reading(String... columns) {
			this.reads.addAll(List.of(columns));
			return this;
		}

		/**
		 * Sets the SQL condition of the rows still to do, e.g. {@code word_count IS NULL}.
		 * @param condition the condition
		 * @return this builder
		 */
		public Builder where(String condition) {
			this.where = condition;
			return this;
		}

		/**
		 * Sets the first batch size; later batches adapt toward the target batch duration.
		 * @param batchSize the rows of the first batch
		 * @return this builder
		 */
		public Builder batchSize(int batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		/**
		 * Sets a pause after each batch.
		 * @param pause the pause
		 * @return this builder
		 */
		public Builder pause(Duration pause) {
			this.pause = Objects.requireNonNull(pause, "pause");
			return this;
		}

		/**
		 * Limits the rows each node updates per second; every node running the job has its
		 * own limit.
		 * @param maxRowsPerSecond the limit
		 * @return this builder
		 */
		public Builder maxRowsPerSecond(int maxRowsPerSecond) {
			this.maxRowsPerSecond = maxRowsPerSecond;
			return this;
		}

		/**
		 * Sets the lock timeout of each batch.
		 * @param lockTimeout the lock timeout
		 * @return this builder
		 */
		public Builder lockTimeout(Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
			return this;
		}

		/**
		 * Ends the declaration with the function that sets each batch's new values.
		 * @param function the function
		 * @return the backfill
		 */
		public JavaBackfill batch(BatchFunction function) {
			return new JavaBackfill(this, function);
		}

	}

}
