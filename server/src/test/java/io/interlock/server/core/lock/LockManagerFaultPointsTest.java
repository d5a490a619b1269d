package io.interlock.server.core.lock;

import static io.interlock.server.core.lock.LeaseFixture.FILE;
import static io.interlock.server.core.lock.LeaseFixture.key;
import static io.interlock.server.core.lock.LeaseState.NONE;
import static io.interlock.server.core.lock.LeaseState.RH;
import static io.interlock.server.core.lock.LeaseState.RWH;
import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.core.vfs.FileId;
import io.interlock.server.faults.Fault;
import org.junit.jupiter.api.Test;

/**
 * Fault points of the lock manager that an SMB CREATE sees in the grant it is given (the lease
 * state and epoch the CREATE response's RqLs context carries): with the fault off the catalog's
 * rule holds, with it on the bug shows.
 */
class LockManagerFaultPointsTest {
    private final LeaseFixture f = new LeaseFixture();
    private final LeaseKey k1 = key(1);

    // ---- LEASE_UPGRADE_WHILE_BREAKING (R-SMB-21, R-SMB-23)

    /** An RH lease breaking to NONE (an NFS WRITE), then a same-key open asking RWH. */
    private LeaseGrant upgradeWhileBreaking(FileId file, LeaseKey key) {
        f.lm.requestLease(new LeaseRequest(file, key, RH, 2, 0, false, f));
        f.lm.breakFor(file, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(f.lm.lease(key).orElseThrow().breaking()).isTrue();
        return f.lm.requestLease(new LeaseRequest(file, key, RWH, 2, 0, false, f));
    }

    @Test
    void sameKeyOpen_whileBreaking_keepsPreAckState_withLeaseUpgradeWhileBreaking_grantsWriteCaching() {
        LeaseGrant g = upgradeWhileBreaking(FILE, k1);
        assertThat(g).isEqualTo(new LeaseGrant(RH, 2, true));
        assertThat(f.lm.acknowledge(k1, NONE)).isEqualTo(AckResult.OK);
        assertThat(f.state(k1)).isEqualTo(NONE);

        f.faults.enable(Fault.LEASE_UPGRADE_WHILE_BREAKING);
        LeaseKey k2 = key(2);
        LeaseGrant bad = upgradeWhileBreaking(new FileId(77), k2);
        assertThat(bad.state())
                .as("W granted while the break to NONE is outstanding")
                .isEqualTo(RWH);
        assertThat(bad.epoch()).isEqualTo(3);
        assertThat(bad.breakInProgress()).isTrue();
        assertThat(f.lm.lease(k2).orElseThrow().breakTo()).isEqualTo(NONE);
    }
}
