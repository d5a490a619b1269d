package io.interlock.scenarios.model;

import static io.interlock.scenarios.model.Dsl.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Held requests and what ends the wait: interim responses (R-SMB-65), the waiter leaving (R-SMB-66),
 * the 35 s timer (R-SMB-67, R-SMB-68), the holder closing (R-SMB-69) or disconnecting (R-SMB-70).
 */
class TimeoutRulesTest {

    /** A holds RWH on f (at t=0); B's open breaks it to RH and waits. */
    private static Run bWaits() {
        return aHolds("RWH")
                .w(open(2, "B", "b", "f", v2("kb", "RWH")), brk("A", "ka", "RWH", "RH", true, 2), interim(2));
    }

    // R-SMB-65 ----------------------------------------------------------------------------------

    @Test
    void create_heldWithoutInterim_violatesRSMB65() {
        aHolds("RWH")
                .w(open(2, "B", "b", "f", v2("kb", "RWH")), brk("A", "ka", "RWH", "RH", true, 2))
                .violates("R-SMB-65");
    }

    @Test
    void create_completesInItsWindow_interimAllowed() {
        run().w(open(1, "A", "a", "f", v2("ka", "RWH")), interim(1), leased(1, "RWH", 1, 2))
                .passes();
    }

    @Test
    void create_secondInterimWhenReleased_violatesRSMB65() {
        bWaits().w(ack(3, "A", "ka", "RH"), acked(3, "RH"), interim(2), leased(2, "RH", 1, 2))
                .violates("R-SMB-65");
    }

    // R-SMB-66 ----------------------------------------------------------------------------------

    @Test
    void disconnect_waitingClientLeaves_holderUndisturbed() {
        bWaits().w(new ModelInput.Disconnect("B"))
                .w(ack(3, "A", "ka", "RH"), acked(3, "RH"))
                .passes();
    }

    @Test
    void disconnect_waitingClientLeavesAndTheHolderIsBrokenFurther_violatesRSMB66() {
        bWaits().w(new ModelInput.Disconnect("B"), brk("A", "ka", "RWH", "NONE", true, 3))
                .violates("R-SMB-66");
    }

    // R-SMB-67 ----------------------------------------------------------------------------------

    @Test
    void timer_defaultThirtyFiveSeconds_nothingBeforeIt() {
        bWaits().w(at(34.999)).w(at(35), leased(2, "RH", 1, 2)).passes();
    }

    @Test
    void timer_createCompletesBeforeThirtyFiveSeconds_violatesRSMB67() {
        bWaits().w(at(34), leased(2, "RH", 1, 2)).violates("R-SMB-67");
    }

    // R-SMB-68 ----------------------------------------------------------------------------------

    @Test
    void timer_expires_leaseNoneNotBreakToAndLateAckUnsuccessful() {
        Run r = bWaits().w(at(40), leased(2, "RH", 1, 2)).passes();
        Holder a = r.state().lease("A", "ka");
        assertThat(a.state()).isEqualTo(CacheBits.NONE);
        assertThat(a.breaking()).isFalse();
        r.w(ack(3, "A", "ka", "RH"), reply(3, Status.STATUS_UNSUCCESSFUL)).passes();
    }

    @Test
    void timer_expiresWithoutReleasingTheWaiter_violatesRSMB68() {
        bWaits().w(at(35)).violates("R-SMB-68");
    }

    @Test
    void timer_lateAckAccepted_violatesRSMB68() {
        bWaits().w(at(35), leased(2, "RH", 1, 2))
                .w(ack(3, "A", "ka", "RH"), acked(3, "RH"))
                .violates("R-SMB-68");
    }

    @Test
    void timer_configuredOneSecond_firesAtOneSecond() {
        run(ModelConfig.defaults().withBreakTimeout(ModelConfig.SECOND))
                .w(open(1, "A", "a", "f", v2("ka", "RWH")), leased(1, "RWH", 1, 2))
                .w(at(0.25))
                .w(open(2, "B", "b", "f", v2("kb", "RWH")), brk("A", "ka", "RWH", "RH", true, 2), interim(2))
                .w(at(1.2))
                .w(at(1.25), leased(2, "RH", 1, 2))
                .passes();
    }

    // R-SMB-69 ----------------------------------------------------------------------------------

    @Test
    void close_holdersLastOpen_waiterGetsTheFullState() {
        bWaits().w(close(3, "A", "a"), ok(3), leased(2, "RWH", 1, 2)).passes();
    }

    @Test
    void close_holdersLastOpenWaiterStillHeld_violatesRSMB69() {
        bWaits().w(close(3, "A", "a"), ok(3)).violates("R-SMB-69");
    }

    @Test
    void close_notTheLastOpenOfTheLease_waiterStaysHeld() {
        aHolds("RWH")
                .w(open(2, "A", "a2", "f", v2("ka", "RWH")), leased(2, "RWH", 1, 2))
                .w(open(3, "B", "b", "f", v2("kb", "RWH")), brk("A", "ka", "RWH", "RH", true, 2), interim(3))
                .w(close(4, "A", "a"), ok(4))
                .w(close(5, "A", "a2"), ok(5), leased(3, "RWH", 1, 2))
                .passes();
    }

    // R-SMB-70 ----------------------------------------------------------------------------------

    @Test
    void disconnect_holderGone_opensClosedWaiterGoesOn() {
        bWaits().w(new ModelInput.Disconnect("A"), leased(2, "RWH", 1, 2)).passes();
    }

    @Test
    void disconnect_holderGoneWaiterStillHeld_violatesRSMB70() {
        bWaits().w(new ModelInput.Disconnect("A")).violates("R-SMB-70");
    }

    @Test
    void disconnect_nfsClientWithAHeldWrite_writeStillTakesEffectUnseen() {
        Run r = aHolds("RWH")
                .w(nfsWrite(2, "f", 0, "nfs"), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(new ModelInput.Disconnect("B"))
                .w(ack(3, "A", "ka", "NONE"), acked(3, "NONE"))
                .passes();
        assertThat(r.state().content("f")).isEqualTo(Bytes.of("nfs"));
    }
}
