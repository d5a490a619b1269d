package io.interlock.server.core.lock;

import static io.interlock.server.core.lock.LeaseFixture.FILE;
import static io.interlock.server.core.lock.LeaseFixture.OTHER_FILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.faults.FaultPoints;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte-range locks in the one table shared by SMB and NLM (R-NLM-2..8, R-XP-10). */
class ByteRangeLockTest {
    private static final LockOwner SMB = new LockOwner("smb", "s1:f1");
    private static final LockOwner NLM = new LockOwner("nlm", "host:42:6f68");
    private static final LockOwner NLM2 = new LockOwner("nlm", "host:43:6f68");

    private final LockManager lm =
            new LockManager(new VirtualServerClock(), LockManagerConfig.defaults(), new FaultPoints());

    private static ByteRange r(long offset, long length) {
        return ByteRange.of(offset, length);
    }

    private List<ByteRange> rangesOf(LockOwner owner) {
        return lm.locksOn(FILE).stream()
                .filter(l -> l.owner().equals(owner))
                .map(ByteRangeLock::range)
                .toList();
    }

    // ---- ranges

    @Test
    void byteRange_lengthZero_runsToInfinity() {
        ByteRange all = r(100, 0);
        assertThat(all.toInfinity()).isTrue();
        assertThat(all.overlaps(r(-2, 1))).isTrue(); // byte 2^64-2
        assertThat(all.overlaps(r(0, 100))).isFalse();
        assertThat(all.length()).isZero();
    }

    @Test
    void byteRange_overflow_rejected() {
        assertThat(ByteRange.isValid(-1, 1)).isTrue(); // the last byte, 2^64-1
        assertThat(ByteRange.isValid(-1, 2)).isFalse();
        assertThat(ByteRange.isValid(1, -1)).isTrue(); // offset 1, length 2^64-1: ends at 2^64-1
        assertThat(ByteRange.isValid(2, -1)).isFalse();
        assertThatThrownBy(() -> ByteRange.of(Long.MAX_VALUE, Long.MAX_VALUE + 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ByteRange.of(-2, 2).last()).isEqualTo(ByteRange.MAX);
    }

    @Test
    void byteRange_unsignedOffsetsAboveSignedMax_ordered() {
        ByteRange high = r(Long.MIN_VALUE, 10); // 2^63
        assertThat(high.overlaps(r(0, 100))).isFalse();
        assertThat(high.overlaps(r(Long.MAX_VALUE, 2))).isTrue();
    }

    // ---- conflicts

    @Test
    void lock_exclusiveHeld_otherOwnerDeniedWithHolder() {
        assertThat(lm.lock(FILE, SMB, r(0, 10), true).granted()).isTrue();
        LockResult res = lm.lock(FILE, NLM, r(5, 10), false);
        assertThat(res).isInstanceOf(LockResult.Denied.class);
        ByteRangeLock holder = ((LockResult.Denied) res).holder();
        assertThat(holder.owner()).isEqualTo(SMB);
        assertThat(holder.exclusive()).isTrue();
        assertThat(holder.range()).isEqualTo(r(0, 10));
    }

    @Test
    void lock_sharedHeld_sharedGrantedExclusiveDenied() {
        lm.lock(FILE, NLM, r(0, 10), false);
        assertThat(lm.lock(FILE, SMB, r(0, 10), false).granted()).isTrue();
        assertThat(lm.lock(FILE, NLM2, r(9, 1), true).granted()).isFalse();
    }

    @Test
    void lock_adjacentRangesOfOtherOwners_noConflict() {
        lm.lock(FILE, SMB, r(0, 10), true);
        assertThat(lm.lock(FILE, NLM, r(10, 10), true).granted()).isTrue();
    }

    @Test
    void lock_otherFile_independent() {
        lm.lock(FILE, SMB, r(0, 0), true);
        assertThat(lm.lock(OTHER_FILE, NLM, r(0, 0), true).granted()).isTrue();
    }

    @Test
    void lock_toInfinity_conflictsWithHighOffsets() {
        lm.lock(FILE, NLM, r(1000, 0), true);
        assertThat(lm.testLock(FILE, SMB, r(Long.MIN_VALUE, 1), false)).isPresent();
        assertThat(lm.testLock(FILE, SMB, r(0, 1000), true)).isEmpty();
    }

    @Test
    void testLock_neverAcquires() {
        assertThat(lm.testLock(FILE, NLM, r(0, 10), true)).isEmpty();
        assertThat(lm.locksOn(FILE)).isEmpty();
    }

    // ---- POSIX split and merge for one owner

    @Test
    void unlock_middle_splitsLock() {
        // R-NLM-7: lock [0,100), unlock [40,60), TEST [45,50) → GRANTED, TEST [10,20) → DENIED
        lm.lock(FILE, NLM, r(0, 100), true);
        assertThat(lm.unlock(FILE, NLM, r(40, 20))).isTrue();
        assertThat(rangesOf(NLM)).containsExactly(r(0, 40), r(60, 40));
        assertThat(lm.testLock(FILE, NLM2, r(45, 5), true)).isEmpty();
        assertThat(lm.testLock(FILE, NLM2, r(10, 10), true)).isPresent();
    }

    @Test
    void unlock_notHeld_noChangeNoError() {
        assertThat(lm.unlock(FILE, NLM, r(0, 10))).isFalse();
        lm.lock(FILE, SMB, r(0, 10), true);
        assertThat(lm.unlock(FILE, NLM, r(0, 10))).isFalse(); // someone else's lock stays
        assertThat(lm.locksOn(FILE)).hasSize(1);
    }

    @Test
    void unlock_toInfinity_releasesTail() {
        lm.lock(FILE, NLM, r(0, 0), true);
        lm.unlock(FILE, NLM, r(50, 0));
        assertThat(rangesOf(NLM)).containsExactly(r(0, 50));
    }

    @Test
    void lock_sameOwnerAdjacentAndOverlapping_merge() {
        lm.lock(FILE, NLM, r(0, 10), true);
        lm.lock(FILE, NLM, r(20, 10), true);
        assertThat(rangesOf(NLM)).containsExactly(r(0, 10), r(20, 10));
        lm.lock(FILE, NLM, r(10, 10), true);
        assertThat(rangesOf(NLM)).containsExactly(r(0, 30));
        lm.lock(FILE, NLM, r(25, 20), true);
        assertThat(rangesOf(NLM)).containsExactly(r(0, 45));
    }

    @Test
    void lock_sameOwnerDifferentType_replacesOverlapOnly() {
        lm.lock(FILE, NLM, r(0, 100), false);
        lm.lock(FILE, NLM, r(40, 20), true); // upgrade the middle
        List<ByteRangeLock> locks = lm.locksOn(FILE);
        assertThat(locks).extracting(ByteRangeLock::range).containsExactly(r(0, 40), r(40, 20), r(60, 40));
        assertThat(locks).extracting(ByteRangeLock::exclusive).containsExactly(false, true, false);
        lm.lock(FILE, NLM, r(40, 20), false); // downgrade again: everything merges back
        assertThat(lm.locksOn(FILE)).singleElement().satisfies(l -> {
            assertThat(l.range()).isEqualTo(r(0, 100));
            assertThat(l.exclusive()).isFalse();
        });
    }

    @Test
    void lock_sameOwnerOverOwnExclusive_grantedIdempotently() {
        assertThat(lm.lock(FILE, NLM, r(0, 10), true).granted()).isTrue();
        assertThat(lm.lock(FILE, NLM, r(0, 10), true).granted()).isTrue(); // R-NLM-5
        assertThat(lm.locksOn(FILE)).hasSize(1);
    }

    @Test
    void lock_sameOwnerUpgradeBlockedByOtherShared_deniedAndUnchanged() {
        lm.lock(FILE, NLM, r(0, 10), false);
        lm.lock(FILE, NLM2, r(5, 10), false);
        assertThat(lm.lock(FILE, NLM, r(0, 10), true).granted()).isFalse();
        assertThat(rangesOf(NLM)).containsExactly(r(0, 10));
    }

    // ---- NT semantics for SMB owners ([MS-FSA] 2.1.5.8, 2.1.5.9)

    @Test
    void unlock_smbOwnerPartOfItsLock_notUnlockedAndLockKept() {
        // explore: LOCK 2+8, UNLOCK 6+1 answered SUCCESS and split the lock; MS-FSA wants an exact match
        lm.lock(FILE, SMB, r(2, 8), true);
        assertThat(lm.unlock(FILE, SMB, r(6, 1))).isFalse();
        assertThat(lm.unlock(FILE, SMB, r(2, 9))).isFalse();
        assertThat(rangesOf(SMB)).containsExactly(r(2, 8));
        assertThat(lm.unlock(FILE, SMB, r(2, 8))).isTrue();
        assertThat(lm.locksOn(FILE)).isEmpty();
    }

    @Test
    void lock_smbOwnerOverlappingAndAdjacentShared_stackUnmergedAndUnlockOneAtATime() {
        lm.lock(FILE, SMB, r(0, 10), false);
        lm.lock(FILE, SMB, r(5, 10), false);
        lm.lock(FILE, SMB, r(15, 5), false);
        lm.lock(FILE, SMB, r(0, 10), false);
        assertThat(rangesOf(SMB)).containsExactlyInAnyOrder(r(0, 10), r(0, 10), r(5, 10), r(15, 5));
        assertThat(lm.unlock(FILE, SMB, r(0, 10))).isTrue();
        assertThat(rangesOf(SMB)).containsExactlyInAnyOrder(r(0, 10), r(5, 10), r(15, 5));
        assertThat(lm.unlock(FILE, SMB, r(0, 20))).isFalse();
    }

    // ---- waiting for a release (R-NLM-4, R-XP-10)

    @Test
    void lockOrQueue_noConflict_grantedAtOnce() {
        LockManager.PendingLock p = lm.lockOrQueue(FILE, NLM, r(0, 10), true);
        assertThat(p.granted()).isCompletedWithValueMatching(l -> l.range().equals(r(0, 10)));
        assertThat(p.blockedBy()).isEmpty();
    }

    @Test
    void lockOrQueue_conflict_grantedWhenHolderUnlocks() {
        lm.lock(FILE, NLM2, r(0, 100), true);
        LockManager.PendingLock p = lm.lockOrQueue(FILE, NLM, r(50, 10), true);
        assertThat(p.granted()).isNotDone();
        assertThat(p.blockedBy()).get().extracting(ByteRangeLock::owner).isEqualTo(NLM2);
        assertThat(lm.queuedLocks(FILE)).isEqualTo(1);

        lm.unlock(FILE, NLM2, r(0, 40)); // not enough
        assertThat(p.granted()).isNotDone();
        lm.unlock(FILE, NLM2, r(40, 30));
        assertThat(p.granted()).isCompletedWithValue(new ByteRangeLock(FILE, NLM, r(50, 10), true));
        assertThat(rangesOf(NLM)).containsExactly(r(50, 10));
        assertThat(lm.queuedLocks(FILE)).isZero();
    }

    @Test
    void lockOrQueue_smbHolderUnlocksExactly_nlmWaiterGranted() {
        lm.lock(FILE, SMB, r(0, 100), true);
        LockManager.PendingLock p = lm.lockOrQueue(FILE, NLM, r(50, 10), true);
        assertThat(lm.unlock(FILE, SMB, r(40, 30))).isFalse(); // not a lock of its own: nothing
        assertThat(p.granted()).isNotDone();
        assertThat(lm.unlock(FILE, SMB, r(0, 100))).isTrue(); // R-XP-10: any release wakes
        assertThat(p.granted()).isDone();
    }

    @Test
    void lockOrQueue_holderClosesThroughReleaseLocks_waiterGranted() {
        lm.lock(FILE, SMB, r(0, 0), true);
        LockManager.PendingLock p = lm.lockOrQueue(FILE, NLM, r(0, 1), false);
        lm.releaseLocks(SMB::equals);
        assertThat(p.granted()).isDone();
        assertThat(lm.locksOn(FILE)).extracting(ByteRangeLock::owner).containsExactly(NLM);
    }

    @Test
    void lockOrQueue_downgradeToShared_sharedWaiterGranted() {
        lm.lock(FILE, NLM2, r(0, 10), true);
        LockManager.PendingLock p = lm.lockOrQueue(FILE, NLM, r(0, 10), false);
        lm.lock(FILE, NLM2, r(0, 10), false); // POSIX: the new type replaces the old
        assertThat(p.granted()).isDone();
    }

    @Test
    void lockOrQueue_fifo_firstWaiterWinsConflictingSecond() {
        lm.lock(FILE, SMB, r(0, 10), true);
        LockManager.PendingLock first = lm.lockOrQueue(FILE, NLM, r(0, 10), true);
        LockManager.PendingLock second = lm.lockOrQueue(FILE, NLM2, r(0, 10), true);
        lm.unlock(FILE, SMB, r(0, 10));
        assertThat(first.granted()).isDone();
        assertThat(second.granted()).isNotDone();
        lm.unlock(FILE, NLM, r(0, 10));
        assertThat(second.granted()).isDone();
    }

    @Test
    void pendingLock_cancel_neverGranted() {
        lm.lock(FILE, SMB, r(0, 10), true);
        LockManager.PendingLock p = lm.lockOrQueue(FILE, NLM, r(0, 10), true);
        assertThat(p.cancel()).isTrue();
        assertThat(p.cancel()).isFalse();
        lm.unlock(FILE, SMB, r(0, 10));
        assertThat(p.granted()).isCancelled();
        assertThat(lm.locksOn(FILE)).isEmpty();
    }

    @Test
    void releaseLocks_ofWaitingOwner_cancelsItsQueuedRequests() {
        lm.lock(FILE, SMB, r(0, 10), true);
        LockManager.PendingLock p = lm.lockOrQueue(FILE, NLM, r(0, 10), true);
        lm.releaseLocks(o -> o.protocol().equals("nlm")); // FREE_ALL
        assertThat(p.granted()).isCancelled();
        assertThat(lm.queuedLocks(FILE)).isZero();
        assertThat(lm.locksOn(FILE)).hasSize(1);
    }

    // ---- mandatory I/O checks

    @Test
    void ioConflict_readBlockedOnlyByExclusive_writeByAny() {
        lm.lock(FILE, NLM, r(0, 10), false);
        lm.lock(FILE, NLM2, r(20, 10), true);
        assertThat(lm.ioConflict(FILE, SMB, r(0, 5), false)).isEmpty();
        assertThat(lm.ioConflict(FILE, SMB, r(0, 5), true)).isPresent();
        assertThat(lm.ioConflict(FILE, SMB, r(25, 1), false)).isPresent();
        assertThat(lm.ioConflict(FILE, NLM2, r(25, 1), true)).isEmpty(); // own lock
    }

    /** [MS-FSA] 2.1.4.10: a shared lock keeps its range read-only for its owner too. */
    @Test
    void ioConflict_ownSharedLockRefusesTheOwnersWrite_notItsRead() {
        lm.lock(FILE, SMB, r(0, 10), false);
        lm.lock(FILE, SMB, r(20, 10), true);
        assertThat(lm.ioConflict(FILE, SMB, r(5, 1), true)).isPresent();
        assertThat(lm.ioConflict(FILE, SMB, r(5, 1), false)).isEmpty();
        assertThat(lm.ioConflict(FILE, SMB, r(25, 1), true)).isEmpty(); // own exclusive lock
        assertThat(lm.ioConflict(FILE, SMB, r(12, 4), true)).isEmpty(); // unlocked gap
    }
}
