package io.interlock.server.core.lock;

import static io.interlock.server.core.lock.LeaseFixture.FILE;
import static io.interlock.server.core.lock.LeaseFixture.key;
import static io.interlock.server.core.lock.OplockLevel.BATCH;
import static io.interlock.server.core.lock.OplockLevel.EXCLUSIVE;
import static io.interlock.server.core.lock.OplockLevel.LEVEL_II;
import static io.interlock.server.core.lock.OplockLevel.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Traditional oplocks modelled as private-key leases (catalog §2.1, §2.2, §2.5, §2.6). */
class LockManagerOplockTest {
    private final LeaseFixture f = new LeaseFixture();

    private int oplock(long openId, int level) {
        return f.lm.requestOplock(new OplockRequest(FILE, openId, level, f));
    }

    private int level(long openId) {
        return f.lm.oplock(openId).orElseThrow().level();
    }

    @Test
    void requestOplock_alone_getsLevelAsked() {
        assertThat(oplock(1, BATCH)).isEqualTo(BATCH);
        assertThat(f.lm.lease(LeaseKey.forOplock(1)).orElseThrow().state()).isEqualTo(LeaseState.RWH);
    }

    @Test
    void requestOplock_secondOpen_batchBrokenToLevelIiAndBothHoldLevelIi() {
        oplock(1, BATCH);
        var done = f.lm.breakFor(FILE, BreakTrigger.OPEN, new BreakOrigin("smb", LeaseKey.forOplock(2)));
        assertThat(f.oplockNotices).hasSize(1);
        OplockBreakNotice n = f.oplockNotices.get(0);
        assertThat(n.currentLevel()).isEqualTo(BATCH);
        assertThat(n.newLevel()).isEqualTo(LEVEL_II);
        assertThat(n.ackRequired()).isTrue();
        assertThat(f.lm.acknowledgeOplock(1, LEVEL_II)).isEqualTo(new OplockAck(OplockAck.Status.OK, LEVEL_II));
        assertThat(done).isCompletedWithValue(new BreakOutcome(1, 1, 0));
        assertThat(oplock(2, BATCH)).isEqualTo(LEVEL_II); // exclusive2 / batch6
        assertThat(level(1)).isEqualTo(LEVEL_II);
    }

    @Test
    void breakFor_levelIiOnWrite_noneWithoutAckEvenFromOwnOpen() {
        oplock(1, LEVEL_II);
        var done = f.lm.breakFor(FILE, BreakTrigger.WRITE, new BreakOrigin("smb", LeaseKey.forOplock(1)));
        assertThat(done).isCompletedWithValue(new BreakOutcome(1, 1, 0));
        assertThat(f.oplockNotices).singleElement().satisfies(n -> {
            assertThat(n.newLevel()).isEqualTo(NONE);
            assertThat(n.ackRequired()).isFalse();
        });
        assertThat(level(1)).isEqualTo(NONE);
        assertThat(f.lm.acknowledgeOplock(1, NONE).status()).isEqualTo(OplockAck.Status.NOT_BREAKING);
    }

    @Test
    void breakFor_batchOnOwnOpenWrite_notBroken() {
        oplock(1, BATCH);
        var done = f.lm.breakFor(FILE, BreakTrigger.WRITE, new BreakOrigin("smb", LeaseKey.forOplock(1)));
        assertThat(done).isCompletedWithValue(BreakOutcome.NOTHING);
        assertThat(level(1)).isEqualTo(BATCH);
    }

    @Test
    void breakFor_sharing_exclusiveUntouched_batchToLevelIi() {
        oplock(1, EXCLUSIVE);
        f.lm.breakFor(FILE, BreakTrigger.SHARING, BreakOrigin.nfs());
        assertThat(f.oplockNotices).isEmpty(); // exclusive1

        f.lm.releaseOplock(1);
        oplock(2, BATCH);
        f.lm.breakFor(FILE, BreakTrigger.SHARING, BreakOrigin.nfs());
        assertThat(f.oplockNotices).singleElement().satisfies(n -> assertThat(n.newLevel())
                .isEqualTo(LEVEL_II));
    }

    @Test
    void breakFor_writeOnBatch_breaksToNoneOnly() {
        oplock(1, BATCH);
        f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(f.oplockNotices.get(0).newLevel()).isEqualTo(NONE);
        // an ack of II when the break went to none gives NONE (capped at the notified level)
        assertThat(f.lm.acknowledgeOplock(1, LEVEL_II)).isEqualTo(new OplockAck(OplockAck.Status.OK, NONE));
    }

    @Test
    void acknowledgeOplock_whileWritePending_followUpIiToNoneAtOnce() {
        oplock(1, BATCH);
        f.lm.breakFor(FILE, BreakTrigger.OPEN, BreakOrigin.nfs());
        var write = f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(f.oplockNotices).hasSize(1);
        assertThat(f.lm.acknowledgeOplock(1, LEVEL_II).level()).isEqualTo(LEVEL_II);
        assertThat(f.oplockNotices).hasSize(2);
        assertThat(f.oplockNotices.get(1).currentLevel()).isEqualTo(LEVEL_II);
        assertThat(f.oplockNotices.get(1).newLevel()).isEqualTo(NONE);
        assertThat(f.oplockNotices.get(1).ackRequired()).isFalse();
        assertThat(level(1)).isEqualTo(NONE);
        assertThat(write).isCompletedWithValue(new BreakOutcome(1, 1, 0));
    }

    @Test
    void acknowledgeOplock_errors_followCatalogOrder() {
        assertThat(f.lm.acknowledgeOplock(9, NONE).status()).isEqualTo(OplockAck.Status.NO_SUCH_OPLOCK);
        oplock(1, BATCH);
        assertThat(f.lm.acknowledgeOplock(1, LEVEL_II).status()).isEqualTo(OplockAck.Status.NOT_BREAKING);

        f.lm.breakFor(FILE, BreakTrigger.OPEN, BreakOrigin.nfs());
        assertThat(f.lm.acknowledgeOplock(1, OplockLevel.LEASE))
                .isEqualTo(new OplockAck(OplockAck.Status.INVALID_PARAMETER, NONE));
        assertThat(level(1)).isEqualTo(NONE);

        f.lm.releaseOplock(1);
        assertThat(oplock(2, BATCH)).isEqualTo(BATCH);
        f.lm.breakFor(FILE, BreakTrigger.OPEN, BreakOrigin.nfs());
        assertThat(f.lm.acknowledgeOplock(2, BATCH))
                .isEqualTo(new OplockAck(OplockAck.Status.INVALID_OPLOCK_PROTOCOL, NONE));
        assertThat(f.lm.oplock(2).orElseThrow().breaking()).isFalse();
    }

    @Test
    void oplockBreak_timeout_forcesNone() {
        oplock(1, EXCLUSIVE);
        var done = f.lm.breakFor(FILE, BreakTrigger.READ, BreakOrigin.nfs());
        f.advance(34_999);
        assertThat(f.lm.oplock(1).orElseThrow().breaking()).isTrue();
        f.advance(1);
        assertThat(level(1)).isEqualTo(NONE);
        assertThat(done).isCompletedWithValue(new BreakOutcome(1, 0, 1));
    }

    @Test
    void releaseOplock_releasesWaiters() {
        oplock(1, BATCH);
        var done = f.lm.breakFor(FILE, BreakTrigger.DELETE, BreakOrigin.nfs());
        f.lm.releaseOplock(1);
        assertThat(done).isCompletedWithValue(new BreakOutcome(1, 1, 0));
        assertThat(f.lm.oplock(1)).isEmpty();
    }

    // ---- mixed lease / oplock (catalog §2.2 matrices, R-SMB-18)

    @Test
    void requestOplock_leaseWithHandleHeld_none() {
        f.open(key(1), LeaseState.RH);
        assertThat(oplock(1, BATCH)).isEqualTo(NONE);
        assertThat(f.lm.oplock(1)).isEmpty();
    }

    @Test
    void requestOplock_readLeaseHeld_levelIi() {
        f.open(key(1), LeaseState.READ);
        assertThat(oplock(1, BATCH)).isEqualTo(LEVEL_II);
    }

    @Test
    void requestLease_oplockHeld_readOnly() {
        oplock(1, LEVEL_II);
        assertThat(f.open(key(1), LeaseState.RWH).state()).isEqualTo(LeaseState.READ);
    }

    @Test
    void breakFor_leaseAndOplock_eachGetsItsOwnKindOfNotice() {
        oplock(1, LEVEL_II);
        f.open(key(1), LeaseState.READ);
        f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(f.oplockNotices).hasSize(1);
        assertThat(f.notices).hasSize(1);
    }
}
