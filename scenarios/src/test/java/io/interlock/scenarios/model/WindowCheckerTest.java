package io.interlock.scenarios.model;

import static io.interlock.scenarios.model.Dsl.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker's own behaviour: stopping, unchecked windows, several fitting states, apply. */
class WindowCheckerTest {
    private final ReferenceModel model = new ReferenceModel();

    @Test
    void check_firstViolation_stopsAndCountsTheRestUnchecked() {
        CheckResult r = aHolds("RWH")
                .w(nfsWrite(2, "f", 0, "x"), nfsOk(2)) // no break, reply not held
                .w(nfsWrite(3, "f", 0, "y"), nfsOk(3))
                .w(nfsWrite(4, "f", 0, "z"), nfsOk(4))
                .check();
        assertThat(r.passed()).isFalse();
        assertThat(r.checked()).isEqualTo(1);
        assertThat(r.unchecked()).isEqualTo(3);
        assertThat(r.violations()).extracting(Violation::ruleId).containsExactlyInAnyOrder("R-XP-1", "R-XP-7");
        assertThat(r.violations()).allSatisfy(v -> assertThat(v.decision()).isEqualTo(2));
        assertThat(r.notes()).singleElement().asString().contains("first violation, window 2");
    }

    @Test
    void check_unmodelledInput_thatWindowAndLaterOnesUnchecked() {
        CheckResult r = aHolds("RWH")
                .w(new ModelInput.Unknown(2, "A", "smb.query-directory"), ok(2))
                .w(nfsWrite(3, "f", 0, "x"), nfsOk(3))
                .check();
        assertThat(r.violations()).isEmpty();
        assertThat(r.checked()).isEqualTo(1);
        assertThat(r.unchecked()).isEqualTo(2);
        assertThat(r.passed()).isTrue();
        assertThat(r.notes()).singleElement().asString().contains("unmodelled", "smb.query-directory");
    }

    @Test
    void check_zeroLengthSmbLock_unmodelledNotPassed() {
        CheckResult r = aHolds("RWH").w(smbLock(2, "A", "a", 0, 0, true), ok(2)).check();
        assertThat(r.unchecked()).isEqualTo(1);
        assertThat(r.notes()).singleElement().asString().contains("zero-length SMB lock");
    }

    /** A open on f without caching, NFS removes f, A writes through its open. */
    private static Run writeAfterNfsRemove(ModelConfig cfg) {
        return run(cfg).w(open(1, "A", "a", "f", OplockLevel.NONE), oplocked(1, OplockLevel.NONE))
                .w(new ModelInput.NfsRemove(2, "B", "f"), nfsOk(2))
                .w(smbWrite(3, "A", "a", 0, "x"), ok(3));
    }

    @Test
    void check_smbWriteAfterNfsUnlink_projectDecisionD1OnTheReferenceServer() {
        CheckResult r = writeAfterNfsRemove(ModelConfig.defaults()).check();
        assertThat(r.violations()).extracting(Violation::ruleId).containsExactly("D-1");
    }

    @Test
    void check_smbWriteAfterNfsUnlink_uncheckedOnOtherServers() {
        CheckResult r = writeAfterNfsRemove(ModelConfig.defaults().withProjectDecisions(false))
                .check();
        assertThat(r.violations()).isEmpty();
        assertThat(r.unchecked()).isEqualTo(1);
        assertThat(r.notes()).singleElement().asString().contains("D-1");
    }

    /** Two NFS WRITEs of one range held on the same break complete together, in either order. */
    private static Run racingWrites() {
        return aHolds("RWH")
                .w(nfsWrite(2, "f", 0, "one"), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(nfsWrite(3, "f", 0, "two"))
                .w(ack(4, "A", "ka", "NONE"), acked(4, "NONE"), nfsOk(2), nfsOk(3));
    }

    @Test
    void check_twoWritesReleasedTogether_eitherContentIsCorrect() {
        racingWrites()
                .w(nfsRead(5, "f", 0, 10), data(5, Status.NFS3_OK, "one", true))
                .passes();
        racingWrites()
                .w(nfsRead(5, "f", 0, 10), data(5, Status.NFS3_OK, "two", true))
                .passes();
    }

    @Test
    void check_twoWritesReleasedTogether_aThirdContentIsALostWrite() {
        racingWrites()
                .w(nfsRead(5, "f", 0, 10), data(5, Status.NFS3_OK, "xyz", true))
                .violates("R-XP-3");
    }

    @Test
    void allowed_twoWritesReleasedTogether_twoBranchesWithDifferentContents() {
        Run r = aHolds("RWH")
                .w(nfsWrite(2, "f", 0, "one"), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(nfsWrite(3, "f", 0, "two"));
        Prediction p = model.allowed(r.state(), ack(4, "A", "ka", "NONE"));
        assertThat(p.branches()).hasSize(2);
        assertThat(p.branches())
                .extracting(b -> b.next().content("f"))
                .containsExactlyInAnyOrder(Bytes.of("one"), Bytes.of("two"));
        assertThat(p.branches()).allSatisfy(b -> assertThat(b.choices()).isNotEmpty());
    }

    @Test
    void allowed_isPure_sameStateSamePredictionStateUntouched() {
        ModelState s = aHolds("RWH").state();
        ModelState copy = aHolds("RWH").state();
        ModelInput in = nfsWrite(2, "f", 0, "x");
        Prediction a = model.allowed(s, in);
        Prediction b = model.allowed(s, in);
        assertThat(a).isEqualTo(b);
        assertThat(s).isEqualTo(copy);
        assertThat(a.only().held()).containsOnlyKeys(2L);
        assertThat(a.only().next().held()).containsOnlyKeys(2L);
        assertThat(s.held()).isEmpty();
    }

    @Test
    void apply_observedGrantResolvesTheQ2Choice() {
        ModelState s = aOplock(OplockLevel.NONE).state();
        ModelInput in = open(2, "B", "b", "f", v2("kb", "RWH"));
        assertThat(model.allowed(s, in).branches()).hasSize(2);
        ModelState rh = model.apply(s, in, List.of(leased(2, "RH", 1, 2)));
        ModelState r = model.apply(s, in, List.of(leased(2, "R", 1, 2)));
        assertThat(rh.lease("B", "kb").state()).isEqualTo(CacheBits.RH);
        assertThat(r.lease("B", "kb").state()).isEqualTo(CacheBits.R);
    }

    @Test
    void apply_unmodelledInput_stateUnknownAndLaterInputsUnmodelled() {
        ModelState s = aHolds("RWH").state();
        ModelState after = model.apply(s, new ModelInput.Unknown(2, "A", "fsctl"), List.of());
        assertThat(after.unknown()).contains("fsctl");
        Prediction p = model.allowed(after, nfsWrite(3, "f", 0, "x"));
        assertThat(p.isUnmodelled()).isTrue();
        assertThat(p.unmodelled()).contains("unknown since", "fsctl");
    }

    @Test
    void check_timeGoesBackwards_unmodelled() {
        CheckResult r = aHolds("RWH").w(at(2)).w(at(1)).check();
        assertThat(r.checked()).isEqualTo(2);
        assertThat(r.unchecked()).isEqualTo(1);
        assertThat(r.notes()).singleElement().asString().contains("goes back");
    }

    @Test
    void check_replyToARequestNotOutstanding_violatesStatusAgreement() {
        aHolds("RWH")
                .w(nfsWrite(2, "f", 0, "x"), brk("A", "ka", "RWH", "NONE", true, 2), nfsOk(99))
                .violates("status-agreement");
    }

    @Test
    void check_nfsReadShortRead_prefixAcceptedEmptyRefused() {
        Run base = run().w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(nfsWrite(2, "f", 0, "abcdef"), nfsOk(2));
        base.w(nfsRead(3, "f", 0, 6), data(3, Status.NFS3_OK, "abc", false)).passes();
        run().w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(nfsWrite(2, "f", 0, "abcdef"), nfsOk(2))
                .w(nfsRead(3, "f", 0, 6), data(3, Status.NFS3_OK, "abc", true))
                .violates("R-NFS-6");
    }

    @Test
    void check_nfsWriteBreaksWithoutNotify_lostNotificationFound() {
        // the SKIP_NFS_BREAK fault: no break at all, the reply held until A's (unprompted) ack
        aHolds("RWH").w(nfsWrite(2, "f", 0, "x")).violates("R-XP-1");
    }

    /** Whether a shared lock stacks on the open's own exclusive one is the implementation's call. */
    @Test
    void check_sharedSmbLockOverOwnExclusive_unmodelled() {
        CheckResult r = aHolds("RWH")
                .w(smbLock(2, "A", "a", 0, 10, true), ok(2))
                .w(new ModelInput.SmbLock(3, "A", "a", 5, 2, false, true), reply(3, Status.STATUS_LOCK_NOT_GRANTED))
                .check();
        assertThat(r.violations()).isEmpty();
        assertThat(r.unchecked()).isEqualTo(1);
        assertThat(r.notes()).singleElement().asString().contains("own exclusive lock");
    }

    @Test
    void check_exclusiveSmbLockOverOwnShared_lockNotGranted() {
        CheckResult r = aHolds("RWH")
                .w(new ModelInput.SmbLock(2, "A", "a", 0, 10, false, true), ok(2))
                .w(smbLock(3, "A", "a", 5, 2, true), reply(3, Status.STATUS_SUCCESS))
                .check();
        assertThat(r.violations()).extracting(Violation::ruleId).containsExactly("R-XP-10");
    }
}
