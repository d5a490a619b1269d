package io.interlock.scenarios.model;

import static io.interlock.scenarios.model.Dsl.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** NLM v4 rules on the shared byte-range table: R-NLM-2..8, R-NLM-10..12. */
class NlmRulesTest {
    private static final ModelInput.NlmOwner OTHER_HOST = new ModelInput.NlmOwner("other", 1);

    /** f exists; N1 holds an exclusive lock on [0,10). */
    private static Run n1Locked() {
        return run().w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(nlmLock(2, N1, "f", 0, 10, true, false), reply(2, Status.NLM4_GRANTED));
    }

    // R-NLM-2 -----------------------------------------------------------------------------------

    @Test
    void lock_otherOwnerConflict_deniedSameOwnerOverlapGranted() {
        n1Locked()
                .w(nlmLock(3, N2, "f", 5, 10, true, false), reply(3, Status.NLM4_DENIED))
                .w(nlmLock(4, N1, "f", 5, 10, false, false), reply(4, Status.NLM4_GRANTED))
                .w(nlmLock(5, N2, "f", 12, 3, false, false), reply(5, Status.NLM4_GRANTED))
                .passes();
    }

    @Test
    void lock_otherOwnerConflictGranted_violatesRNLM2() {
        n1Locked()
                .w(nlmLock(3, N2, "f", 5, 10, true, false), reply(3, Status.NLM4_GRANTED))
                .violates("R-NLM-2");
    }

    // R-NLM-3 -----------------------------------------------------------------------------------

    @Test
    void test_conflict_deniedWithTheHolderAndAcquiresNothing() {
        n1Locked()
                .w(nlmTest(3, N2, "f", 5, 1), reply(3, Status.NLM4_DENIED, new Payload.TestHolder(true, 0, 10)))
                .w(nlmTest(4, N2, "f", 20, 1), reply(4, Status.NLM4_GRANTED))
                .w(nlmLock(5, OTHER_HOST, "f", 20, 1, true, false), reply(5, Status.NLM4_GRANTED))
                .passes();
    }

    @Test
    void test_wrongHolder_violatesRNLM3() {
        n1Locked()
                .w(nlmTest(3, N2, "f", 5, 1), reply(3, Status.NLM4_DENIED, new Payload.TestHolder(false, 0, 10)))
                .violates("R-NLM-3");
    }

    // R-NLM-4 -----------------------------------------------------------------------------------

    @Test
    void lock_blocking_blockedThenGrantedWhenTheHolderUnlocks() {
        n1Locked()
                .w(nlmLock(3, N2, "f", 0, 10, true, true), reply(3, Status.NLM4_BLOCKED))
                .w(nlmUnlock(4, N1, "f", 0, 10), reply(4, Status.NLM4_GRANTED), granted(N2, "f", 0, 10))
                .w(nlmTest(5, N1, "f", 0, 1), reply(5, Status.NLM4_DENIED, new Payload.TestHolder(true, 0, 10)))
                .passes();
    }

    @Test
    void lock_blockedWaiterNotGrantedOnUnlock_violatesRNLM4() {
        n1Locked()
                .w(nlmLock(3, N2, "f", 0, 10, true, true), reply(3, Status.NLM4_BLOCKED))
                .w(nlmUnlock(4, N1, "f", 0, 10), reply(4, Status.NLM4_GRANTED))
                .violates("R-NLM-4");
    }

    @Test
    void lock_grantedBoundOneSecond_callbackMayComeLaterButNotAfterTheBound() {
        Run base = run(ModelConfig.defaults().withNlmGrantedBound(ModelConfig.SECOND))
                .w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(nlmLock(2, N1, "f", 0, 10, true, false), reply(2, Status.NLM4_GRANTED))
                .w(nlmLock(3, N2, "f", 0, 10, true, true), reply(3, Status.NLM4_BLOCKED))
                .w(nlmUnlock(4, N1, "f", 0, 10), reply(4, Status.NLM4_GRANTED))
                .w(at(0.5))
                .passes();
        base.w(at(1), granted(N2, "f", 0, 10)).passes();
    }

    @Test
    void lock_grantedBoundPassedWithoutCallback_violatesRNLM4() {
        run(ModelConfig.defaults().withNlmGrantedBound(ModelConfig.SECOND))
                .w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(nlmLock(2, N1, "f", 0, 10, true, false), reply(2, Status.NLM4_GRANTED))
                .w(nlmLock(3, N2, "f", 0, 10, true, true), reply(3, Status.NLM4_BLOCKED))
                .w(nlmUnlock(4, N1, "f", 0, 10), reply(4, Status.NLM4_GRANTED))
                .w(at(1.5))
                .violates("R-NLM-4");
    }

    // R-NLM-5 -----------------------------------------------------------------------------------

    @Test
    void lock_resentIdentical_granted() {
        n1Locked()
                .w(nlmLock(3, N1, "f", 0, 10, true, false), reply(3, Status.NLM4_GRANTED))
                .passes();
    }

    @Test
    void lock_resentIdenticalDenied_violatesRNLM5() {
        n1Locked()
                .w(nlmLock(3, N1, "f", 0, 10, true, false), reply(3, Status.NLM4_DENIED))
                .violates("R-NLM-5");
    }

    // R-NLM-6 -----------------------------------------------------------------------------------

    @Test
    void cancel_queuedWaiter_noGrantedFollows() {
        n1Locked()
                .w(nlmLock(3, N2, "f", 0, 10, true, true), reply(3, Status.NLM4_BLOCKED))
                .w(new ModelInput.NlmCancel(4, "N", N2, "f", 0, 10, true), reply(4, Status.NLM4_GRANTED))
                .w(nlmUnlock(5, N1, "f", 0, 10), reply(5, Status.NLM4_GRANTED))
                .w(nlmUnlock(6, N2, "f", 0, 10), reply(6, Status.NLM4_GRANTED))
                .passes();
    }

    @Test
    void cancel_grantedAfterTheCancel_violatesLockSafety() {
        n1Locked()
                .w(nlmLock(3, N2, "f", 0, 10, true, true), reply(3, Status.NLM4_BLOCKED))
                .w(new ModelInput.NlmCancel(4, "N", N2, "f", 0, 10, true), reply(4, Status.NLM4_GRANTED))
                .w(nlmUnlock(5, N1, "f", 0, 10), reply(5, Status.NLM4_GRANTED), granted(N2, "f", 0, 10))
                .violates("R-XP-10");
    }

    @Test
    void cancel_nothingToCancelDenied_violatesRNLM6() {
        n1Locked()
                .w(new ModelInput.NlmCancel(3, "N", N2, "f", 0, 10, true), reply(3, Status.NLM4_DENIED))
                .violates("R-NLM-6");
    }

    @Test
    void cancel_lockWaitingForALeaseBreak_deniedNowOrWhenItsWaitEnds() {
        Run base = aHolds("RWH").w(nlmLock(2, N1, "f", 0, 10, true, true), brk("A", "ka", "RWH", "NONE", true, 2));
        base.w(new ModelInput.NlmCancel(3, "N", N1, "f", 0, 10, true), reply(3, Status.NLM4_GRANTED))
                .w(at(5), reply(2, Status.NLM4_DENIED))
                .passes();
        Run now = aHolds("RWH")
                .w(nlmLock(2, N1, "f", 0, 10, true, true), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(
                        new ModelInput.NlmCancel(3, "N", N1, "f", 0, 10, true),
                        reply(3, Status.NLM4_GRANTED),
                        reply(2, Status.NLM4_DENIED))
                .passes();
        // R-XP-8: the cancelled LOCK leaves the lease alone; the break goes on to the ack
        assertThat(now.state().lease("A", "ka").breaking()).isTrue();
    }

    // R-NLM-7 -----------------------------------------------------------------------------------

    @Test
    void unlock_middleOfALock_splitsIt() {
        run().w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(nlmLock(2, N1, "f", 0, 100, true, false), reply(2, Status.NLM4_GRANTED))
                .w(nlmUnlock(3, N1, "f", 40, 20), reply(3, Status.NLM4_GRANTED))
                .w(nlmTest(4, N2, "f", 45, 5), reply(4, Status.NLM4_GRANTED))
                .w(nlmTest(5, N2, "f", 10, 10), reply(5, Status.NLM4_DENIED, new Payload.TestHolder(true, 0, 40)))
                .w(nlmTest(6, N2, "f", 70, 1), reply(6, Status.NLM4_DENIED, new Payload.TestHolder(true, 60, 40)))
                .passes();
    }

    @Test
    void unlock_middleOfALockReleasesNothing_violatesRNLM7() {
        run().w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(nlmLock(2, N1, "f", 0, 100, true, false), reply(2, Status.NLM4_GRANTED))
                .w(nlmUnlock(3, N1, "f", 40, 20), reply(3, Status.NLM4_GRANTED))
                .w(nlmTest(4, N2, "f", 45, 5), reply(4, Status.NLM4_DENIED, new Payload.TestHolder(true, 0, 100)))
                .violates("R-NLM-7");
    }

    // R-NLM-8 -----------------------------------------------------------------------------------

    @Test
    void lock_lengthZero_toTheEndOfAnyFile() {
        run().w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(nlmLock(2, N1, "f", 10, 0, true, false), reply(2, Status.NLM4_GRANTED))
                .w(nlmTest(3, N2, "f", 1L << 40, 1), reply(3, Status.NLM4_DENIED, new Payload.TestHolder(true, 10, 0)))
                .w(nlmTest(4, N2, "f", 0, 10), reply(4, Status.NLM4_GRANTED))
                .w(nlmLock(5, N2, "f", -6, 10, true, false), reply(5, Status.NLM4_FBIG))
                .passes();
    }

    @Test
    void lock_rangeBeyondTwoToTheSixtyFourGranted_violatesRNLM8() {
        run().w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(nlmLock(2, N2, "f", -6, 10, true, false), reply(2, Status.NLM4_GRANTED))
                .violates("R-NLM-8");
    }

    // R-NLM-10 ----------------------------------------------------------------------------------

    @Test
    void freeAll_releasesTheCallersLocksAndGrantsOthers() {
        n1Locked()
                .w(nlmLock(3, OTHER_HOST, "f", 0, 10, true, true), reply(3, Status.NLM4_BLOCKED))
                .w(
                        new ModelInput.NlmFreeAll(4, "N", "nhost"),
                        reply(4, Status.RPC_SUCCESS),
                        new ModelOutput.NlmGranted("N", OTHER_HOST, "f", 0, 10, true))
                .passes();
    }

    @Test
    void freeAll_otherWaiterNotGranted_violatesRNLM10() {
        n1Locked()
                .w(nlmLock(3, OTHER_HOST, "f", 0, 10, true, true), reply(3, Status.NLM4_BLOCKED))
                .w(new ModelInput.NlmFreeAll(4, "N", "nhost"), reply(4, Status.RPC_SUCCESS))
                .violates("R-NLM-10");
    }

    // R-NLM-11 ----------------------------------------------------------------------------------

    private static Run oneWaiterAllowed() {
        return run(ModelConfig.defaults().withMaxBlockedPerFile(1))
                .w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(nlmLock(2, N1, "f", 0, 10, true, false), reply(2, Status.NLM4_GRANTED))
                .w(nlmLock(3, N2, "f", 0, 10, true, true), reply(3, Status.NLM4_BLOCKED));
    }

    @Test
    void lock_blockingQueueFull_deniedNolocks() {
        oneWaiterAllowed()
                .w(nlmLock(4, OTHER_HOST, "f", 0, 10, true, true), reply(4, Status.NLM4_DENIED_NOLOCKS))
                .passes();
    }

    @Test
    void lock_blockingQueueFullButBlocked_violatesRNLM11() {
        oneWaiterAllowed()
                .w(nlmLock(4, OTHER_HOST, "f", 0, 10, true, true), reply(4, Status.NLM4_BLOCKED))
                .violates("R-NLM-11");
    }

    // R-NLM-12 ----------------------------------------------------------------------------------

    @Test
    void lock_missingFile_staleFh() {
        run().w(nlmLock(1, N1, "nope", 0, 10, true, false), reply(1, Status.NLM4_STALE_FH))
                .passes();
    }

    @Test
    void lock_missingFileFailed_violatesRNLM12() {
        run().w(nlmLock(1, N1, "nope", 0, 10, true, false), reply(1, "NLM4_FAILED"))
                .violates("R-NLM-12");
    }
}
