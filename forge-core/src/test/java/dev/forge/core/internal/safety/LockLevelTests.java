package dev.forge.core.internal.safety;

import dev.forge.core.LockLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LockLevelTests {

	@Test
	void conflictsAreSymmetric() {
		for (LockLevel a : LockLevel.values()) {
			for (LockLevel b : LockLevel.values()) {
				assertThat(a.conflictsWith(b)).as(a + " vs " + b).isEqualTo(b.conflictsWith(a));
			}
		}
	}

	@Test
	void onlyAccessExclusiveBlocksReads() {
		assertThat(LockLevel.values()).filteredOn(LockLevel::blocksReads).containsExactly(LockLevel.ACCESS_EXCLUSIVE);
	}

	@Test
	void createIndexBlocksWritesButCreateIndexConcurrentlyDoesNot() {
		assertThat(LockLevel.SHARE.blocksWrites()).isTrue();
		assertThat(LockLevel.SHARE_UPDATE_EXCLUSIVE.blocksWrites()).isFalse();
		assertThat(LockLevel.SHARE_UPDATE_EXCLUSIVE.conflictsWith(LockLevel.SHARE_UPDATE_EXCLUSIVE)).isTrue();
		assertThat(LockLevel.SHARE.conflictsWith(LockLevel.SHARE)).isFalse();
	}

	@Test
	void namesMatchSqlAndPgLocks() {
		assertThat(LockLevel.ofSqlName("share  row exclusive")).contains(LockLevel.SHARE_ROW_EXCLUSIVE);
		assertThat(LockLevel.ofSqlName("nonsense")).isEmpty();
		assertThat(LockLevel.SHARE.pgLocksMode()).isEqualTo("ShareLock");
		assertThat(LockLevel.ACCESS_EXCLUSIVE.pgLocksMode()).isEqualTo("AccessExclusiveLock");
	}

}
