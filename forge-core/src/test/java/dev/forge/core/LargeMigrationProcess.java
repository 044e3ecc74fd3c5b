package dev.forge.core;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A separate JVM, started with a small heap, that runs one command on a folder of
 * migrations and prints the largest heap it found in use after a garbage collection, so
 * that a test can bound the memory that large files take. Arguments: the JDBC URL, the
 * migration location, then one or more of {@code apply}, {@code status} and {@code plan}.
 */
public final class LargeMigrationProcess {

	static final String PEAK = "peak heap after GC (MB): ";

	static final String DONE = "done: ";

	private LargeMigrationProcess() {
	}

	public static void main(String[] args) {
		AtomicLong peak = watchHeapAfterCollections();
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(args[0]);
		if (!args[0].contains("user=")) {
			dataSource.setUser("postgres");
		}
		Forge forge = Forge.configure().dataSource(dataSource).locations(args[1]).load();
		for (int i = 2; i < args.length; i++) {
			String outcome = switch (args[i]) {
				case "apply" -> forge.apply().applied().size() + " applied";
				case "status" -> forge.status().migrations().size() + " migrations";
				case "plan" -> forge.plan().migrations().size() + " planned";
				default -> throw new IllegalArgumentException(args[i]);
			};
			System.out.println(DONE + args[i] + ": " + outcome);
		}
		System.gc();
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		System.out.println(PEAK + Math.max(peak.get(), heap.getUsed()) / (1024 * 1024));
		System.out.println("max heap (MB): " + heap.getMax() / (1024 * 1024));
	}

	/** The heap a collection leaves in use is what the run still holds at that moment. */
	private static AtomicLong watchHeapAfterCollections() {
		AtomicLong peak = new AtomicLong();
		Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getName)
			.collect(Collectors.toSet());
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
				if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
					return;
				}
				GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
					.from((CompositeData) notification.getUserData());
				long used = info.getGcInfo()
					.getMemoryUsageAfterGc()
					.entrySet()
					.stream()
					.filter((pool) -> heapPools.contains(pool.getKey()))
					.mapToLong((pool) -> pool.getValue().getUsed())
					.sum();
				peak.accumulateAndGet(used, Math::max);
			}, null, null);
		}
		return peak;
	}

}
