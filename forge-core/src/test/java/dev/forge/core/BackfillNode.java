package dev.forge.core;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A separate JVM that runs one backfill job as one node, for the tests that need real
 * processes (two nodes, a node killed with SIGKILL). Arguments: the JDBC URL, the migration
 * location, the node's name, the job's name, the number of workers and the target batch
 * duration in milliseconds. Its sessions carry the node's name as {@code application_name},
 * so that a trigger can record which node updated a row. It prints {@code READY} once the
 * engine has read the job, waits for a line {@code GO} on its input (so that the test starts
 * several nodes at the same moment and measures from there), runs the job and prints
 * {@code RUN <rows> <batches> <status> <millis>}.
 */
public final class BackfillNode {

	private BackfillNode() {
	}

	public static void main(String[] args) throws Exception {
		String node = args[2];
		String job = args[3];
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(args[0]);
		if (!args[0].contains("user=")) {
			dataSource.setUser("postgres");
		}
		dataSource.setApplicationName(node);
		Forge forge = Forge.configure().dataSource(dataSource).locations(args[1]).nodeName(node).load();
		BackfillSettings settings = BackfillSettings.DEFAULTS.withWorkers(Integer.parseInt(args[4]))
			.withTargetBatchDuration(Duration.ofMillis(Long.parseLong(args[5])));
		forge.backfills().find(job).orElseThrow();
		System.out.println("READY");
		System.out.flush();
		BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		if (!"GO".equals(input.readLine())) {
			return;
		}
		BackfillRun run = forge.backfills().run(job, settings);
		System.out.println("RUN " + run.rows() + " " + run.batches() + " " + run.job().status() + " "
				+ run.duration().toMillis());
		System.out.flush();
	}

}
