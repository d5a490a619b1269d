package io.interlock.server.core.lock;

import static io.interlock.server.core.lock.LeaseFixture.FILE;
import static io.interlock.server.core.lock.LeaseFixture.OTHER_FILE;
import static io.interlock.server.core.lock.LeaseFixture.key;
import static io.interlock.server.core.lock.LeaseState.NONE;
import static io.interlock.server.core.lock.LeaseState.RH;
import static io.interlock.server.core.lock.LeaseState.RW;
import static io.interlock.server.core.lock.LeaseState.RWH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.faults.Fault;
import io.interlock.server.faults.FaultPoints;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Leases: grants, breaks, acks, epochs, timeouts (catalog smb2-leases-oplocks.md §2). */
class LockManagerLeaseTest {
    private static final int R = LeaseState.READ;
    private final LeaseFixture f = new LeaseFixture();
    private final LeaseKey k1 = key(1);
    private final LeaseKey k2 = key(2);

    // ---- grants (§2.2, §2.3)

    @Test
    void requestLease_firstKeyAlone_getsWhatItAsks() {
        assertThat(f.open(k1, RWH)).isEqualTo(new LeaseGrant(RWH, 0, false));
    }

    @Test
    void requestLease_stateWithoutRead_grantsNone() {
        assertThat(f.open(k1, LeaseState.HANDLE).state()).isEqualTo(NONE);
        assertThat(f.open(key(3), LeaseState.WRITE).state()).isEqualTo(NONE);
        assertThat(f.open(key(4), LeaseState.WRITE | LeaseState.HANDLE).state()).isEqualTo(NONE);
    }

    @Test
    void requestLease_otherKeyHoldsLease_noWriteCaching() {
        f.open(k1, R);
        assertThat(f.open(k2, RWH).state()).isEqualTo(RH);
        assertThat(f.open(key(3), RW).state()).isEqualTo(R);
    }

    @Test
    void requestLease_otherKeyHeldNoneAfterTimeout_stillNoWriteCaching() {
        f.open(k1, RWH);
        f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        f.advance(35_000);
        assertThat(f.state(k1)).isEqualTo(NONE);
        // lease.timeout: the new key gets RH while the old key's open lives on
        assertThat(f.open(k2, RWH).state()).isEqualTo(RH);
    }

    @Test
    void requestLease_directory_neverWrite() {
        LeaseGrant g = f.lm.requestLease(new LeaseRequest(FILE, k1, RWH, 2, 0, true, f));
        assertThat(g.state()).isEqualTo(RH);
    }

    @Test
    void requestLease_keyBoundToOtherFile_throws() {
        f.open(k1, R);
        assertThatThrownBy(() -> f.lm.requestLease(new LeaseRequest(OTHER_FILE, k1, R, 1, 0, false, f)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void requestLease_sameKeySuperset_upgrades() {
        f.open(k1, R);
        assertThat(f.open(k1, RWH).state()).isEqualTo(RWH);
        assertThat(f.view(k1).opens()).isEqualTo(2);
    }

    @Test
    void requestLease_sameKeyLess_neverDowngrades() {
        f.open(k1, RWH);
        assertThat(f.open(k1, RH).state()).isEqualTo(RWH);
    }

    @Test
    void requestLease_upgradeNotWhollyGrantable_unchanged() {
        // upgrade3: R/R held by key1/key2; key1 asking RHW stays R, asking RH gets RH
        f.open(k1, R);
        f.open(k2, R);
        assertThat(f.open(k1, RWH).state()).isEqualTo(R);
        assertThat(f.open(k1, RH).state()).isEqualTo(RH);
    }

    @Test
    void requestLease_sameKeyWhileBreaking_reportsPreAckStateWithBreakInProgress() {
        f.open(k1, RWH);
        f.lm.breakFor(FILE, BreakTrigger.READ, BreakOrigin.nfs());
        LeaseGrant g = f.open(k1, RWH);
        assertThat(g).isEqualTo(new LeaseGrant(RWH, 0, true));
        assertThat(f.notices).hasSize(1);
    }

    @Test
    void requestLease_byteRangeLocksOnFile_grantsNone() {
        f.lm.lock(FILE, new LockOwner("nlm", "c:1"), ByteRange.of(0, 10), true);
        assertThat(f.open(k1, RWH).state()).isEqualTo(NONE);
    }

    // ---- break targets per trigger (R-XP-1..4)

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource({
        "WRITE, RWH, NONE",
        "WRITE, RW, NONE",
        "WRITE, RH, NONE",
        "WRITE, R, NONE",
        "READ, RWH, RH",
        "READ, RW, R",
        "READ, RH, RH",
        "READ, R, R",
        "DELETE, RWH, NONE",
        "DELETE, RW, NONE",
        "DELETE, RH, NONE",
        "DELETE, R, NONE",
        "OPEN, RWH, RH",
        "OPEN, RW, R",
        "OPEN, RH, RH",
        "SHARING, RWH, RW",
        "SHARING, RH, R",
        "SHARING, RW, RW",
        "LOCK, RWH, NONE",
        "LOCK, R, NONE"
    })
    void breakFor_trigger_breaksToCatalogState(BreakTrigger trigger, String held, String expected) {
        int heldState = LeaseState.parse(held);
        int target = LeaseState.parse(expected);
        f.open(k1, heldState);

        CompletableFuture<BreakOutcome> done = f.lm.breakFor(FILE, trigger, BreakOrigin.nfs());

        if (target == heldState) {
            assertThat(f.notices).isEmpty();
            assertThat(done).isCompletedWithValue(BreakOutcome.NOTHING);
            return;
        }
        assertThat(f.notices).hasSize(1);
        LeaseBreakNotice n = f.notices.get(0);
        assertThat(n.currentState()).isEqualTo(heldState);
        assertThat(n.newState()).isEqualTo(target);
        assertThat(n.trigger()).isEqualTo(trigger);
        boolean ack = (heldState & (LeaseState.WRITE | LeaseState.HANDLE)) != 0;
        assertThat(n.ackRequired()).isEqualTo(ack);
        if (ack) {
            assertThat(f.view(k1).breaking()).isTrue();
            assertThat(f.state(k1)).isEqualTo(heldState); // unchanged until the ack
            assertThat(done).isNotDone();
            assertThat(f.lm.acknowledge(k1, target)).isEqualTo(AckResult.OK);
            assertThat(done).isCompletedWithValue(new BreakOutcome(1, 1, 0));
        } else {
            // R → NONE: at once, no timer (R-SMB-47)
            assertThat(f.view(k1).breaking()).isFalse();
            assertThat(done).isCompletedWithValue(new BreakOutcome(1, 1, 0));
            assertThat(f.clock.pendingTimers()).isZero();
        }
        assertThat(f.state(k1)).isEqualTo(target);
    }

    @Test
    void breakFor_ownKey_notBroken() {
        f.open(k1, RWH);
        var done = f.lm.breakFor(FILE, BreakTrigger.WRITE, new BreakOrigin("smb", k1));
        assertThat(done).isCompletedWithValue(BreakOutcome.NOTHING);
        assertThat(f.notices).isEmpty();
        assertThat(f.state(k1)).isEqualTo(RWH);
    }

    @Test
    void breakFor_sameKeyOtherClientGuid_isBroken() {
        LeaseKey other = new LeaseKey(LeaseFixture.CLIENT_B, k1.key());
        f.open(k1, R);
        f.lm.breakFor(FILE, BreakTrigger.WRITE, new BreakOrigin("smb", other));
        assertThat(f.state(k1)).isEqualTo(NONE);
    }

    @Test
    void breakFor_otherFile_untouched() {
        f.open(k1, RWH);
        assertThat(f.lm.breakFor(OTHER_FILE, BreakTrigger.WRITE, BreakOrigin.nfs()))
                .isCompletedWithValue(BreakOutcome.NOTHING);
        assertThat(f.notices).isEmpty();
    }

    @Test
    void breakFor_leaseWithTwoOpens_oneNotification() {
        f.open(k1, RWH);
        f.open(k1, RWH);
        f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(f.notices).hasSize(1);
    }

    @Test
    void breakFor_twoLeases_futureWaitsForBoth() {
        f.open(k1, RH);
        f.open(k2, RH);
        var done = f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(f.notices).hasSize(2);
        f.lm.acknowledge(k1, NONE);
        assertThat(done).isNotDone();
        f.lm.acknowledge(k2, NONE);
        assertThat(done).isCompletedWithValue(new BreakOutcome(2, 2, 0));
    }

    @Test
    void breakFor_whileBreakingAndTargetSuffices_waitsSilently() {
        f.open(k1, RWH);
        var first = f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        var second = f.lm.breakFor(FILE, BreakTrigger.READ, BreakOrigin.nfs());
        assertThat(f.notices).hasSize(1);
        assertThat(second).isNotDone();
        f.lm.acknowledge(k1, NONE);
        assertThat(first).isDone();
        assertThat(second).isDone();
        assertThat(f.notices).hasSize(1);
    }

    @Test
    void acknowledge_whileStricterTargetPending_stepsRwhRhRNone() {
        // breaking3 / v2_breaking3: RWH→RH, then a WRITE arrives; acks step through R
        f.openV2(k1, RWH, 5); // epoch 6
        var open = f.lm.breakFor(FILE, BreakTrigger.OPEN, BreakOrigin.nfs());
        var write = f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(f.notices).hasSize(1);
        assertThat(f.notices.get(0).epoch()).isEqualTo(7);

        assertThat(f.lm.acknowledge(k1, RH)).isEqualTo(AckResult.OK);
        assertThat(open).isDone();
        assertThat(write).isNotDone();
        assertThat(f.notices).hasSize(2);
        LeaseBreakNotice second = f.notices.get(1);
        assertThat(second.currentState()).isEqualTo(RH);
        assertThat(second.newState()).isEqualTo(R);
        assertThat(second.ackRequired()).isTrue();
        assertThat(second.epoch()).isEqualTo(7); // follow-up: no epoch bump

        assertThat(f.lm.acknowledge(k1, R)).isEqualTo(AckResult.OK);
        assertThat(f.notices).hasSize(3);
        LeaseBreakNotice third = f.notices.get(2);
        assertThat(third.currentState()).isEqualTo(R);
        assertThat(third.newState()).isEqualTo(NONE);
        assertThat(third.ackRequired()).isFalse();
        assertThat(third.epoch()).isEqualTo(7);
        assertThat(f.state(k1)).isEqualTo(NONE);
        assertThat(f.view(k1).breaking()).isFalse();
        assertThat(write).isCompletedWithValue(new BreakOutcome(1, 1, 0));
        assertThat(f.clock.pendingTimers()).isZero();
    }

    @Test
    void acknowledge_followUpBreak_hasItsOwnTimeout() {
        f.open(k1, RWH);
        f.lm.breakFor(FILE, BreakTrigger.OPEN, BreakOrigin.nfs());
        var write = f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        f.advance(30_000);
        f.lm.acknowledge(k1, RH);
        f.advance(34_999);
        assertThat(f.view(k1).breaking()).isTrue();
        f.advance(1);
        assertThat(f.state(k1)).isEqualTo(NONE);
        assertThat(write).isCompletedWithValue(new BreakOutcome(1, 0, 1));
    }

    // ---- acks (§2.6, R-SMB-52/53)

    @Test
    void acknowledge_unknownKey_noSuchLease() {
        assertThat(f.lm.acknowledge(k1, NONE)).isEqualTo(AckResult.NO_SUCH_LEASE);
    }

    @Test
    void acknowledge_notBreaking_notBreaking() {
        f.open(k1, RWH);
        assertThat(f.lm.acknowledge(k1, RH)).isEqualTo(AckResult.NOT_BREAKING);
    }

    @Test
    void acknowledge_ofNoAckBreak_notBreaking() {
        f.open(k1, R);
        f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(f.lm.acknowledge(k1, NONE)).isEqualTo(AckResult.NOT_BREAKING); // breaking5
    }

    @Test
    void acknowledge_stateAboveTarget_rejectedAndStillBreaking() {
        f.open(k1, RWH);
        var done = f.lm.breakFor(FILE, BreakTrigger.READ, BreakOrigin.nfs());
        for (int bad : new int[] {RWH, RW, LeaseState.WRITE, 0x8}) {
            assertThat(f.lm.acknowledge(k1, bad)).isEqualTo(AckResult.STATE_NOT_ALLOWED);
            assertThat(f.view(k1).breaking()).isTrue();
        }
        assertThat(done).isNotDone();
        assertThat(f.lm.acknowledge(k1, RH)).isEqualTo(AckResult.OK);
        assertThat(done).isDone();
    }

    @Test
    void acknowledge_lowerThanTarget_accepted() {
        f.open(k1, RWH);
        f.lm.breakFor(FILE, BreakTrigger.READ, BreakOrigin.nfs());
        assertThat(f.lm.acknowledge(k1, NONE)).isEqualTo(AckResult.OK);
        assertThat(f.state(k1)).isEqualTo(NONE);
        assertThat(f.notices).hasSize(1);
    }

    @Test
    void acknowledge_cancelsTimer() {
        f.open(k1, RWH);
        f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(f.clock.pendingTimers()).isEqualTo(1);
        f.lm.acknowledge(k1, NONE);
        assertThat(f.clock.pendingTimers()).isZero();
        f.advance(100_000);
        assertThat(f.lm.breaksTimedOut()).isZero();
    }

    // ---- timeouts (§2.8, R-SMB-67/68)

    @Test
    void breakTimer_justBeforeTimeout_stillBreaking_atTimeout_none() {
        f.open(k1, RWH);
        var done = f.lm.breakFor(FILE, BreakTrigger.READ, BreakOrigin.nfs());
        f.advance(34_999);
        assertThat(f.view(k1).breaking()).isTrue();
        assertThat(f.state(k1)).isEqualTo(RWH);
        assertThat(done).isNotDone();
        f.advance(1);
        assertThat(f.view(k1).breaking()).isFalse();
        assertThat(f.state(k1)).isEqualTo(NONE); // NONE, not BreakTo (RH)
        assertThat(done).isCompletedWithValue(new BreakOutcome(1, 0, 1));
        assertThat(f.lm.breaksTimedOut()).isEqualTo(1);
        assertThat(f.lm.acknowledge(k1, RH)).isEqualTo(AckResult.NOT_BREAKING); // lease.timeout
    }

    @Test
    void breakTimer_configuredTimeout_used() {
        VirtualServerClock clock = new VirtualServerClock();
        LockManager lm = new LockManager(clock, new LockManagerConfig(Duration.ofSeconds(5)), new FaultPoints());
        lm.requestLease(new LeaseRequest(FILE, k1, RWH, 1, 0, false, n -> {}));
        var done = lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        clock.advance(Duration.ofMillis(4_999));
        assertThat(done).isNotDone();
        clock.advance(Duration.ofMillis(1));
        assertThat(done).isCompletedWithValue(new BreakOutcome(1, 0, 1));
    }

    @Test
    void timedOutLease_canBeUpgradedAgain() {
        f.open(k1, RWH);
        f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        f.advance(35_000);
        assertThat(f.open(k1, RH).state()).isEqualTo(RH);
    }

    // ---- close (R-SMB-69)

    @Test
    void releaseLeaseOpen_lastOpen_releasesWaiters() {
        f.open(k1, RWH);
        f.open(k1, RWH);
        var done = f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        f.lm.releaseLeaseOpen(k1);
        assertThat(done).isNotDone();
        assertThat(f.lm.lease(k1)).isPresent();
        f.lm.releaseLeaseOpen(k1);
        assertThat(done).isCompletedWithValue(new BreakOutcome(1, 1, 0));
        assertThat(f.lm.lease(k1)).isEmpty();
        assertThat(f.clock.pendingTimers()).isZero();
        // the key is free again, and W grantable to another key
        assertThat(f.open(k2, RWH).state()).isEqualTo(RWH);
    }

    @Test
    void releaseLeaseOpen_unknown_ignored() {
        f.lm.releaseLeaseOpen(k1);
        assertThat(f.lm.leasesOn(FILE)).isEmpty();
    }

    // ---- epochs (§2.7, R-SMB-60)

    @Test
    void epoch_v2_followsCatalogRules() {
        assertThat(f.openV2(k1, R, 3).epoch()).isEqualTo(4); // new: request + 1
        assertThat(f.openV2(k1, R, 99).epoch()).isEqualTo(4); // same state: unchanged, request ignored
        assertThat(f.open(k1, RWH).epoch()).isEqualTo(5); // upgrade (even via v1): +1
        f.lm.breakFor(FILE, BreakTrigger.READ, BreakOrigin.nfs());
        assertThat(f.notices.get(0).epoch()).isEqualTo(6); // break: +1
        f.lm.acknowledge(k1, RH);
        assertThat(f.view(k1).epoch()).isEqualTo(6); // ack: unchanged
        f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(f.view(k1).epoch()).isEqualTo(7);
        f.advance(35_000);
        assertThat(f.view(k1).epoch()).isEqualTo(7); // timeout: unchanged
    }

    @Test
    void epoch_v2_wrapsAt16Bits() {
        assertThat(f.openV2(k1, R, 0xFFFF).epoch()).isZero();
        f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(f.notices.get(0).epoch()).isEqualTo(1);
    }

    @Test
    void epoch_v1_alwaysZero() {
        f.open(k1, RWH);
        f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(f.notices.get(0).epoch()).isZero();
    }

    // ---- faults

    @Test
    void fault_breakTimerEarly_timesOutAtOnce() {
        f.faults.enable(Fault.BREAK_TIMER_EARLY);
        f.open(k1, RWH);
        var done = f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        f.clock.advance(Duration.ZERO);
        assertThat(f.state(k1)).isEqualTo(NONE);
        assertThat(done).isCompletedWithValue(new BreakOutcome(1, 0, 1));
    }

    @Test
    void fault_ignoreBreakAck_ackSeemsAcceptedButBreakEndsAtTimeout() {
        f.faults.enable(Fault.IGNORE_BREAK_ACK);
        f.open(k1, RWH);
        var done = f.lm.breakFor(FILE, BreakTrigger.READ, BreakOrigin.nfs());
        assertThat(f.lm.acknowledge(k1, RH)).isEqualTo(AckResult.OK);
        assertThat(f.view(k1).breaking()).isTrue();
        assertThat(done).isNotDone();
        f.advance(35_000);
        assertThat(f.state(k1)).isEqualTo(NONE);
        assertThat(done).isCompletedWithValue(new BreakOutcome(1, 0, 1));
    }

    @Test
    void fault_dropBreakNotification_stateBreaksButNothingSent() {
        f.faults.enable(Fault.DROP_BREAK_NOTIFICATION);
        f.open(k1, RWH);
        var done = f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(f.notices).isEmpty();
        assertThat(f.view(k1).breaking()).isTrue();
        assertThat(f.lm.breaksSent()).isEqualTo(1);
        f.advance(35_000);
        assertThat(done).isCompletedWithValue(new BreakOutcome(1, 0, 1));
    }

    // ---- counters and stats

    @Test
    void breakStats_recordDurationPerTrigger() {
        f.open(k1, RWH);
        f.lm.breakFor(FILE, BreakTrigger.READ, BreakOrigin.nfs());
        f.advance(1_500);
        f.lm.acknowledge(k1, RH);
        f.lm.breakFor(FILE, BreakTrigger.WRITE, BreakOrigin.nfs());
        f.advance(35_000);
        var stats = f.lm.breakStats();
        assertThat(stats.get(BreakTrigger.READ)).isEqualTo(new BreakStats(1, 0, 1_500_000_000L, 1_500_000_000L));
        assertThat(stats.get(BreakTrigger.WRITE)).isEqualTo(new BreakStats(1, 1, 35_000_000_000L, 35_000_000_000L));
        assertThat(f.lm.breaksSent()).isEqualTo(2);
    }
}
