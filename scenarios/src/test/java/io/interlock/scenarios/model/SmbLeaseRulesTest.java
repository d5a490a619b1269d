package io.interlock.scenarios.model;

import static io.interlock.scenarios.model.Dsl.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * SMB lease and oplock rules the engine can exercise: grants (R-SMB-10..23), break triggers
 * (R-SMB-30..40), notifications (R-SMB-45..50), acks (R-SMB-51..58), epochs (R-SMB-60).
 */
class SmbLeaseRulesTest {
    private static final int BIP = Payload.LeaseGrant.BREAK_IN_PROGRESS;

    /** A holds RWH; B's open broke it to RH (pending), B is held. */
    private static Run aBreakingForB() {
        return aHolds("RWH")
                .w(open(2, "B", "b", "f", v2("kb", "RWH")), brk("A", "ka", "RWH", "RH", true, 2), interim(2));
    }

    // R-SMB-10 ----------------------------------------------------------------------------------

    @Test
    void create_keyBoundToAnotherFile_invalidParameter() {
        aHolds("RWH")
                .w(open(2, "A", "a2", "g", v2("ka", "RWH")), reply(2, Status.STATUS_INVALID_PARAMETER))
                .passes();
    }

    @Test
    void create_keyBoundToAnotherFileGranted_violatesRSMB10() {
        aHolds("RWH")
                .w(open(2, "A", "a2", "g", v2("ka", "RWH")), leased(2, "RWH", 1, 2))
                .violates("R-SMB-10");
    }

    @Test
    void create_sameKeyAfterAnNfsRename_sameLeaseUnderTheNewName() {
        aHolds("RH")
                .w(new ModelInput.NfsRename(2, "B", "f", "g"), brk("A", "ka", "RH", "NONE", true, 2))
                .w(ack(3, "A", "ka", "NONE"), acked(3, "NONE"), nfsOk(2))
                .w(open(4, "A", "a2", "g", v2("ka", "RH")), leased(4, "RH", 3, 2))
                .w(open(5, "A", "a3", "h", v2("ka", "RH")), reply(5, Status.STATUS_INVALID_PARAMETER))
                .passes();
    }

    // R-SMB-11 / R-SMB-12 / R-SMB-13 --------------------------------------------------------------

    @Test
    void create_sameKeyOfAnotherClient_isAnotherLeaseAndBreaksNormally() {
        aHolds("RWH")
                .w(open(2, "B", "b", "f", v2("ka", "RWH")), brk("A", "ka", "RWH", "RH", true, 2), interim(2))
                .w(ack(3, "A", "ka", "RH"), acked(3, "RH"), leased(2, "RH", 1, 2))
                .passes();
    }

    @Test
    void create_requestWithoutR_leaseContextWithStateNone() {
        run().w(open(1, "A", "a", "f", v2("ka", "HW")), leased(1, "NONE", 1, 2)).passes();
    }

    @Test
    void create_requestWithoutRGrantedH_violatesRSMB12() {
        run().w(open(1, "A", "a", "f", v2("ka", "H")), leased(1, "RH", 1, 2)).violates("R-SMB-12");
    }

    // R-SMB-14 ----------------------------------------------------------------------------------

    @Test
    void create_directoryLeaseV2_wStripped() {
        run().w(new ModelInput.NfsMkdir(1, "B", "d"), nfsOk(1))
                .w(open(2, "C", "c", "d", v2("kc", "RWH")).asDirectory(), leased(2, "RH", 1, 2))
                .w(open(3, "C", "c1", "d", v1("kc1", "RH")).asDirectory(), oplocked(3, OplockLevel.NONE))
                .passes();
    }

    @Test
    void create_directoryLeaseWithW_violatesRSMB14() {
        run().w(new ModelInput.NfsMkdir(1, "B", "d"), nfsOk(1))
                .w(open(2, "C", "c", "d", v2("kc", "RWH")).asDirectory(), leased(2, "RWH", 1, 2))
                .violates("R-SMB-14");
    }

    @Test
    void create_directoryWithoutDirectoryLeasing_noLeaseContext() {
        run(ModelConfig.defaults().withDirectoryLeasing(false))
                .w(new ModelInput.NfsMkdir(1, "B", "d"), nfsOk(1))
                .w(open(2, "C", "c", "d", v2("kc", "RH")).asDirectory(), oplocked(2, OplockLevel.NONE))
                .passes();
    }

    // R-SMB-17 ----------------------------------------------------------------------------------

    @Test
    void create_anotherKeysOpenExists_noW() {
        aOplock(OplockLevel.NONE)
                .w(open(2, "B", "b", "f", v2("kb", "RWH")), leased(2, "RH", 1, 2))
                .passes();
    }

    @Test
    void create_anotherKeysOpenExistsGrantedW_violatesRSMB17() {
        aOplock(OplockLevel.NONE)
                .w(open(2, "B", "b", "f", v2("kb", "RWH")), leased(2, "RWH", 1, 2))
                .violates("R-SMB-17");
    }

    @Test
    void create_q2AnUncachedOpen_rhOrROnlyBothAllowed() {
        Run base = aOplock(OplockLevel.NONE);
        base.w(open(2, "B", "b", "f", v2("kb", "RWH")), leased(2, "R", 1, 2)).passes();
    }

    @Test
    void create_statOpenWithoutLease_doesNotReduceTheGrant() {
        ModelInput.SmbCreate stat = open(1, "S", "s", "f", OplockLevel.NONE)
                .withAccess(Smb2Access.FILE_READ_ATTRIBUTES, Smb2Access.FILE_SHARE_ALL);
        run().w(stat, oplocked(1, OplockLevel.NONE))
                .w(open(2, "A", "a", "f", v2("ka", "RWH")), leased(2, "RWH", 1, 2))
                .passes();
    }

    // R-SMB-18 ----------------------------------------------------------------------------------

    @Test
    void create_oplockBesideAnRhLease_none() {
        aHolds("RH")
                .w(open(2, "B", "b", "f", OplockLevel.BATCH), oplocked(2, OplockLevel.NONE))
                .passes();
    }

    @Test
    void create_oplockBesideAnRhLeaseGrantedLevelTwo_violatesRSMB18() {
        aHolds("RH")
                .w(open(2, "B", "b", "f", OplockLevel.BATCH), oplocked(2, OplockLevel.II))
                .violates("R-SMB-18");
    }

    @Test
    void create_leaseBesideALevelTwoOplock_r() {
        aOplock(OplockLevel.II)
                .w(open(2, "B", "b", "f", v2("kb", "RWH")), leased(2, "R", 1, 2))
                .passes();
    }

    // R-SMB-21 ----------------------------------------------------------------------------------

    @Test
    void create_sameKeyStrictSuperset_upgradesWithEpochPlusOne() {
        aHolds("RH")
                .w(open(2, "A", "a2", "f", v2("ka", "RWH")), leased(2, "RWH", 2, 2))
                .w(open(3, "A", "a3", "f", v2("ka", "RH")), leased(3, "RWH", 2, 2))
                .passes();
    }

    @Test
    void create_sameKeyUpgradeNotGiven_violatesRSMB21() {
        aHolds("RH")
                .w(open(2, "A", "a2", "f", v2("ka", "RWH")), leased(2, "RH", 1, 2))
                .violates("R-SMB-21");
    }

    // R-SMB-22 ----------------------------------------------------------------------------------

    @Test
    void create_sameKeyOverwrite_breaksNothingOfItsOwn() {
        Run r = aHolds("RWH")
                .w(smbWrite(2, "A", "a", 0, "abc"), ok(2))
                .w(
                        open(3, "A", "a2", "f", v2("ka", "RWH")).withDisposition(ModelInput.Disposition.OVERWRITE_IF),
                        leased(3, "RWH", 1, 2))
                .passes();
        assertThat(r.state().content("f")).isEqualTo(Bytes.EMPTY);
    }

    @Test
    void create_sameKeyBreaksItsOwnLease_violatesRSMB22() {
        aHolds("RWH")
                .w(
                        open(2, "A", "a2", "f", v2("ka", "RWH")).withDisposition(ModelInput.Disposition.OVERWRITE_IF),
                        brk("A", "ka", "RWH", "NONE", true, 2),
                        leased(2, "RWH", 2, 2, BIP))
                .violates("R-SMB-22");
    }

    // R-SMB-23 ----------------------------------------------------------------------------------

    @Test
    void create_sameKeyWhileBreaking_preAckStateWithBreakInProgressNotHeld() {
        aBreakingForB()
                .w(open(3, "A", "a2", "f", v2("ka", "RWH")), leased(3, "RWH", 2, 2, BIP))
                .passes();
    }

    @Test
    void create_sameKeyWhileBreakingWithoutTheFlag_violatesRSMB23() {
        aBreakingForB()
                .w(open(3, "A", "a2", "f", v2("ka", "RWH")), leased(3, "RWH", 2, 2))
                .violates("R-SMB-23");
    }

    // R-SMB-30 ----------------------------------------------------------------------------------

    @Test
    void create_anotherClientsOpenRepliedBeforeTheAck_violatesRSMB30() {
        aHolds("RWH")
                .w(open(2, "B", "b", "f", v2("kb", "RWH")), brk("A", "ka", "RWH", "RH", true, 2), leased(2, "RH", 1, 2))
                .violates("R-SMB-30");
    }

    @Test
    void create_rhHolder_noBreakNoWait() {
        aHolds("RH")
                .w(open(2, "B", "b", "f", v2("kb", "RWH")), leased(2, "RH", 1, 2))
                .passes();
    }

    // R-SMB-31 ----------------------------------------------------------------------------------

    /** A holds RH on f through an open that does not share DELETE; B wants DELETE access. */
    private static Run shareConflict() {
        ModelInput.SmbCreate a = open(1, "A", "a", "f", v2("ka", "RH"))
                .withAccess(Smb2Access.READ_WRITE, Smb2Access.FILE_SHARE_READ | Smb2Access.FILE_SHARE_WRITE);
        return run().w(a, leased(1, "RH", 1, 2));
    }

    private static ModelInput.SmbCreate deleter(long req) {
        return open(req, "B", "b", "f", OplockLevel.NONE)
                .withAccess(Smb2Access.DELETE | Smb2Access.FILE_READ_ATTRIBUTES, Smb2Access.FILE_SHARE_ALL);
    }

    @Test
    void create_shareConflict_breaksHThenSharingViolation() {
        shareConflict()
                .w(deleter(2), brk("A", "ka", "RH", "R", true, 2), interim(2))
                .w(ack(3, "A", "ka", "R"), acked(3, "R"), reply(2, Status.STATUS_SHARING_VIOLATION))
                .passes();
    }

    @Test
    void create_shareConflictHolderClosesInstead_openSucceeds() {
        shareConflict()
                .w(deleter(2), brk("A", "ka", "RH", "R", true, 2), interim(2))
                .w(close(3, "A", "a"), ok(3), oplocked(2, OplockLevel.NONE))
                .passes();
    }

    @Test
    void create_shareConflictFailsWithoutBreakingH_violatesRSMB31() {
        shareConflict().w(deleter(2), reply(2, Status.STATUS_SHARING_VIOLATION)).violates("R-SMB-31");
    }

    // R-SMB-32 ----------------------------------------------------------------------------------

    private static ModelInput.SmbCreate overwrite(long req) {
        return open(req, "B", "b", "f", OplockLevel.NONE).withDisposition(ModelInput.Disposition.OVERWRITE_IF);
    }

    @Test
    void create_overwriteOnRh_ackRequiredBreakButNotHeld() {
        aHolds("RH")
                .w(overwrite(2), brk("A", "ka", "RH", "NONE", true, 2), oplocked(2, OplockLevel.NONE))
                .w(ack(3, "A", "ka", "NONE"), acked(3, "NONE"))
                .passes();
    }

    @Test
    void create_overwriteOnRhHeld_violatesRSMB32() {
        aHolds("RH")
                .w(overwrite(2), brk("A", "ka", "RH", "NONE", true, 2), interim(2))
                .violates("R-SMB-32");
    }

    // R-SMB-33 ----------------------------------------------------------------------------------

    /** A holds an R lease, B has f open without one. */
    private static Run rAndAnOpen() {
        return aHolds("R").w(open(2, "B", "b", "f", OplockLevel.NONE), oplocked(2, OplockLevel.NONE));
    }

    @Test
    void smbWrite_otherKeysRLease_brokenToNoneWithoutAck() {
        rAndAnOpen()
                .w(smbWrite(3, "B", "b", 0, "x"), brk("A", "ka", "R", "NONE", false, 2), ok(3))
                .passes();
    }

    @Test
    void smbWrite_otherKeysRLeaseNotBroken_violatesRSMB33() {
        rAndAnOpen().w(smbWrite(3, "B", "b", 0, "x"), ok(3)).violates("R-SMB-33");
    }

    @Test
    void smbWrite_ownLease_notBroken() {
        aHolds("RWH").w(smbWrite(2, "A", "a", 0, "x"), ok(2)).passes();
    }

    // R-SMB-34 ----------------------------------------------------------------------------------

    private static Run rhAndAnOpen() {
        return aHolds("RH").w(open(2, "B", "b", "f", OplockLevel.NONE), oplocked(2, OplockLevel.NONE));
    }

    @Test
    void smbLock_otherKeysRh_ackRequiredBreakLockNotHeld() {
        rhAndAnOpen()
                .w(smbLock(3, "B", "b", 0, 10, true), brk("A", "ka", "RH", "NONE", true, 2), ok(3))
                .passes();
    }

    @Test
    void smbLock_heldForAnRhBreak_violatesRSMB34() {
        rhAndAnOpen()
                .w(smbLock(3, "B", "b", 0, 10, true), brk("A", "ka", "RH", "NONE", true, 2), interim(3))
                .violates("R-SMB-34");
    }

    @Test
    void smbLock_ownLease_notBroken() {
        aHolds("RH").w(smbLock(2, "A", "a", 0, 10, true), ok(2)).passes();
    }

    // R-SMB-37 / R-SMB-40 -------------------------------------------------------------------------

    private static ModelInput.SmbCreate statOpen(long req, int access) {
        return open(req, "B", "b", "f", OplockLevel.NONE).withAccess(access, Smb2Access.FILE_SHARE_ALL);
    }

    @Test
    void create_statOpen_breaksNothing() {
        aHolds("RWH")
                .w(statOpen(2, Smb2Access.FILE_READ_ATTRIBUTES | Smb2Access.SYNCHRONIZE), oplocked(2, OplockLevel.NONE))
                .passes();
    }

    @Test
    void create_statOpenBreaksTheLease_violatesRSMB37() {
        aHolds("RWH")
                .w(
                        statOpen(2, Smb2Access.FILE_READ_ATTRIBUTES),
                        brk("A", "ka", "RWH", "RH", true, 2),
                        oplocked(2, OplockLevel.NONE))
                .violates("R-SMB-37");
    }

    @Test
    void create_readControlOpen_breaksOplocksButNotLeases() {
        int readControl = Smb2Access.READ_CONTROL | Smb2Access.FILE_READ_ATTRIBUTES;
        aHolds("RWH").w(statOpen(2, readControl), oplocked(2, OplockLevel.NONE)).passes();
        aOplock(OplockLevel.BATCH)
                .w(statOpen(2, readControl), obrk("A", "a", OplockLevel.II), interim(2))
                .passes();
    }

    @Test
    void create_readControlOpenBreaksALease_violatesRSMB40() {
        aHolds("RWH")
                .w(
                        statOpen(2, Smb2Access.READ_CONTROL),
                        brk("A", "ka", "RWH", "RH", true, 2),
                        oplocked(2, OplockLevel.NONE))
                .violates("R-SMB-40");
    }

    @Test
    void create_attributeOnlyOverwrite_isNoStatOpenAndBreaksBatch() {
        ModelInput.SmbCreate attrOverwrite = open(2, "B", "b", "f", OplockLevel.BATCH)
                .withAccess(Smb2Access.FILE_READ_ATTRIBUTES, Smb2Access.FILE_SHARE_ALL)
                .withDisposition(ModelInput.Disposition.OVERWRITE_IF);
        aOplock(OplockLevel.BATCH)
                .w(attrOverwrite, obrk("A", "a", OplockLevel.NONE), interim(2))
                .w(
                        new ModelInput.SmbOplockAck(3, "A", "a", OplockLevel.NONE),
                        reply(3, Status.STATUS_SUCCESS, new Payload.OplockAcked(OplockLevel.NONE)),
                        oplocked(2, OplockLevel.II))
                .passes();
    }

    @Test
    void create_attributeOnlyOverwriteTreatedAsAStatOpen_violatesRSMB39() {
        ModelInput.SmbCreate attrOverwrite = open(2, "B", "b", "f", OplockLevel.NONE)
                .withAccess(Smb2Access.FILE_READ_ATTRIBUTES, Smb2Access.FILE_SHARE_ALL)
                .withDisposition(ModelInput.Disposition.OVERWRITE_IF);
        aOplock(OplockLevel.BATCH)
                .w(attrOverwrite, oplocked(2, OplockLevel.NONE))
                .violates("R-SMB-39");
    }

    // directory leases on the SMB side (catalog §3.1 v2_request; R-XP-5 is the NFS side) ---------

    /** C holds RH on directory d under key kd. */
    private static Run dirLeased() {
        return run().w(new ModelInput.NfsMkdir(1, "B", "d"), nfsOk(1))
                .w(open(2, "C", "cd", "d", v2("kd", "RH")).asDirectory(), leased(2, "RH", 1, 2));
    }

    @Test
    void create_childWithTheParentKey_directoryLeaseKept() {
        ModelInput.LeaseRequest child = new ModelInput.LeaseRequest("kf", CacheBits.RWH, 2, "kd", 0);
        dirLeased()
                .w(open(3, "C", "cf", "d/f", child), leased(3, "RWH", 1, 2, Payload.LeaseGrant.PARENT_LEASE_KEY_SET))
                .passes();
    }

    @Test
    void create_childWithoutTheParentKey_breaksTheDirectoryLease() {
        dirLeased()
                .w(
                        open(3, "E", "ef", "d/f", v2("kf", "RWH")),
                        brk("C", "kd", "RH", "NONE", true, 2),
                        leased(3, "RWH", 1, 2))
                .passes();
    }

    @Test
    void create_childWithoutTheParentKeyNoBreak_violatesRXP5() {
        dirLeased()
                .w(open(3, "E", "ef", "d/f", v2("kf", "RWH")), leased(3, "RWH", 1, 2))
                .violates("R-XP-5");
    }

    @Test
    void close_modifiedChild_breaksTheParentsLease() {
        dirLeased()
                .w(ModelInput.NfsCreate.guarded(3, "B", "d/f"), brk("C", "kd", "RH", "NONE", true, 2), nfsOk(3))
                .w(ack(4, "C", "kd", "NONE"), acked(4, "NONE"))
                .w(open(5, "C", "cd2", "d", v2("kd2", "RH")).asDirectory(), leased(5, "RH", 1, 2))
                .w(open(6, "E", "ef", "d/f", OplockLevel.NONE), oplocked(6, OplockLevel.NONE))
                .w(smbWrite(7, "E", "ef", 0, "x"), ok(7))
                .w(close(8, "E", "ef"), ok(8), brk("C", "kd2", "RH", "NONE", true, 2))
                .passes();
    }

    // R-SMB-45 .. R-SMB-50 ------------------------------------------------------------------------

    @Test
    void oplockBreak_toExclusive_violatesRSMB45() {
        aOplock(OplockLevel.BATCH)
                .w(open(2, "B", "b", "f", OplockLevel.NONE), obrk("A", "a", OplockLevel.EXCLUSIVE), interim(2))
                .violates("R-SMB-45");
    }

    @Test
    void leaseBreak_currentStateNotThePreBreakState_violatesRSMB46() {
        aHolds("RWH")
                .w(nfsWrite(2, "f", 0, "x"), brk("A", "ka", "RH", "NONE", true, 2))
                .violates("R-SMB-46");
    }

    @Test
    void leaseBreak_rToNoneWithAckRequired_violatesRSMB47() {
        aHolds("R")
                .w(nfsWrite(2, "f", 0, "x"), brk("A", "ka", "R", "NONE", true, 2), nfsOk(2))
                .violates("R-SMB-47");
    }

    @Test
    void leaseBreak_rToNoneHeldForAnAck_violatesRSMB47() {
        aHolds("R")
                .w(nfsWrite(2, "f", 0, "x"), brk("A", "ka", "R", "NONE", false, 2))
                .violates("R-SMB-47");
    }

    @Test
    void leaseBreak_v1Lease_epochZero() {
        run().w(open(1, "A", "a", "f", v1("ka", "RWH")), leased(1, "RWH", 0, 1))
                .w(nfsWrite(2, "f", 0, "x"), brkV1("A", "ka", "RWH", "NONE", true))
                .passes();
    }

    @Test
    void leaseBreak_v1LeaseWithAnEpoch_violatesRSMB48() {
        run().w(open(1, "A", "a", "f", v1("ka", "RWH")), leased(1, "RWH", 0, 1))
                .w(nfsWrite(2, "f", 0, "x"), new ModelOutput.LeaseBreak("A", "ka", 7, 0, true, 1, false))
                .violates("R-SMB-48");
    }

    /** A and B hold Level II on f. */
    private static Run levelTwo() {
        return aOplock(OplockLevel.BATCH)
                .w(open(2, "B", "b", "f", OplockLevel.BATCH), obrk("A", "a", OplockLevel.II), interim(2))
                .w(
                        new ModelInput.SmbOplockAck(3, "A", "a", OplockLevel.II),
                        reply(3, Status.STATUS_SUCCESS, new Payload.OplockAcked(OplockLevel.II)),
                        oplocked(2, OplockLevel.II));
    }

    @Test
    void smbWrite_levelTwoOwnAndOther_bothBrokenToNoneAtOnce() {
        levelTwo()
                .w(
                        smbWrite(4, "A", "a", 0, "x"),
                        obrk("A", "a", OplockLevel.NONE),
                        obrk("B", "b", OplockLevel.NONE),
                        ok(4))
                .w(
                        new ModelInput.SmbOplockAck(5, "A", "a", OplockLevel.NONE),
                        reply(5, Status.STATUS_INVALID_OPLOCK_PROTOCOL))
                .passes();
    }

    @Test
    void smbWrite_heldForALevelTwoAck_violatesRSMB49() {
        levelTwo()
                .w(smbWrite(4, "A", "a", 0, "x"), obrk("A", "a", OplockLevel.NONE), obrk("B", "b", OplockLevel.NONE))
                .violates("R-SMB-49");
    }

    @Test
    void leaseBreak_sentToAnotherClient_violatesRSMB50() {
        aHolds("RWH")
                .w(nfsWrite(2, "f", 0, "x"), brk("C", "ka", "RWH", "NONE", true, 2))
                .violates("R-SMB-50");
    }

    // R-SMB-51 .. R-SMB-58 ------------------------------------------------------------------------

    @Test
    void oplockAck_onALeasedOpen_refused() {
        aBreakingForB()
                .w(
                        new ModelInput.SmbOplockAck(3, "A", "a", OplockLevel.II),
                        reply(3, Status.STATUS_INVALID_DEVICE_STATE))
                .passes();
    }

    @Test
    void oplockAck_onALeasedOpenTakenAsALeaseAck_violatesRSMB51() {
        aBreakingForB()
                .w(
                        new ModelInput.SmbOplockAck(3, "A", "a", OplockLevel.II),
                        reply(3, Status.STATUS_SUCCESS),
                        leased(2, "RH", 1, 2))
                .violates("R-SMB-51");
    }

    @Test
    void leaseAck_stateNotWithinBreakTo_refusedAndStillBreaking() {
        aBreakingForB()
                .w(ack(3, "A", "ka", "RWH"), reply(3, Status.STATUS_REQUEST_NOT_ACCEPTED))
                .w(ack(4, "A", "ka", "RH"), acked(4, "RH"), leased(2, "RH", 1, 2))
                .w(ack(5, "A", "ka", "RH"), reply(5, Status.STATUS_UNSUCCESSFUL))
                .w(ack(6, "A", "nokey", "RH"), reply(6, Status.STATUS_OBJECT_NAME_NOT_FOUND))
                .passes();
    }

    @Test
    void leaseAck_stateNotWithinBreakToAccepted_violatesRSMB52() {
        aBreakingForB()
                .w(ack(3, "A", "ka", "RW"), acked(3, "RW"), leased(2, "RH", 1, 2))
                .violates("R-SMB-52");
    }

    @Test
    void leaseAck_belowBreakTo_acceptedWithTheAckedState() {
        aBreakingForB()
                .w(ack(3, "A", "ka", "NONE"), acked(3, "NONE"), leased(2, "RH", 1, 2))
                .passes();
    }

    @Test
    void leaseAck_responseWithBreakToInsteadOfTheAckedState_violatesRSMB53() {
        aBreakingForB()
                .w(ack(3, "A", "ka", "NONE"), acked(3, "RH"), leased(2, "RH", 1, 2))
                .violates("R-SMB-53");
    }

    /**
     * R-SMB-54: the model has no connections, only ClientGuids (client names): an ack from the
     * lease's client is accepted whatever connection carried it, so refusing it is an R-SMB-53
     * violation here.
     */
    @Test
    void leaseAck_fromTheLeasesClientRefused_violatesRSMB53() {
        aBreakingForB()
                .w(ack(3, "A", "ka", "RH"), reply(3, Status.STATUS_OBJECT_NAME_NOT_FOUND))
                .violates("R-SMB-53");
    }

    private static Run aBatchBreakingToTwo() {
        return aOplock(OplockLevel.BATCH)
                .w(open(2, "B", "b", "f", OplockLevel.NONE), obrk("A", "a", OplockLevel.II), interim(2));
    }

    @Test
    void oplockAck_illegalLevels_refusedAndDroppedToNone() {
        aBatchBreakingToTwo()
                .w(
                        new ModelInput.SmbOplockAck(3, "A", "a", OplockLevel.BATCH),
                        reply(3, Status.STATUS_INVALID_OPLOCK_PROTOCOL),
                        oplocked(2, OplockLevel.NONE))
                .w(new ModelInput.SmbOplockAck(4, "A", "zz", OplockLevel.II), reply(4, Status.STATUS_FILE_CLOSED))
                .passes();
    }

    @Test
    void oplockAck_illegalLevelAccepted_violatesRSMB55() {
        aBatchBreakingToTwo()
                .w(
                        new ModelInput.SmbOplockAck(3, "A", "a", OplockLevel.BATCH),
                        reply(3, Status.STATUS_SUCCESS, new Payload.OplockAcked(OplockLevel.II)),
                        oplocked(2, OplockLevel.NONE))
                .violates("R-SMB-55");
    }

    @Test
    void oplockAck_resultAboveTheNotifiedLevel_violatesRSMB56() {
        aBatchBreakingToTwo()
                .w(
                        new ModelInput.SmbOplockAck(3, "A", "a", OplockLevel.II),
                        reply(3, Status.STATUS_SUCCESS, new Payload.OplockAcked(OplockLevel.BATCH)),
                        oplocked(2, OplockLevel.NONE))
                .violates("R-SMB-56");
    }

    /** A: RWH, epoch 1; B's NFS READ breaks to RH (epoch 2); B's NFS WRITE then needs NONE. */
    private static Run readThenWrite() {
        return aHolds("RWH")
                .w(smbWrite(2, "A", "a", 0, "old"), ok(2))
                .w(nfsRead(3, "f", 0, 10), brk("A", "ka", "RWH", "RH", true, 2))
                .w(nfsWrite(4, "f", 0, "new"));
    }

    @Test
    void leaseAck_aLaterConflictNeedsMore_stepwiseFollowUpBreaksKeepTheEpoch() {
        readThenWrite()
                .w(ack(5, "A", "ka", "RH"), acked(5, "RH"), brk("A", "ka", "RH", "R", true, 2))
                .w(
                        ack(6, "A", "ka", "R"),
                        acked(6, "R"),
                        brk("A", "ka", "R", "NONE", false, 2),
                        data(3, Status.NFS3_OK, "old", true),
                        nfsOk(4))
                .passes();
        // the other order of completion is as correct: the READ sees the WRITE
        readThenWrite()
                .w(ack(5, "A", "ka", "RH"), acked(5, "RH"), brk("A", "ka", "RH", "R", true, 2))
                .w(
                        ack(6, "A", "ka", "R"),
                        acked(6, "R"),
                        brk("A", "ka", "R", "NONE", false, 2),
                        nfsOk(4),
                        data(3, Status.NFS3_OK, "new", true))
                .passes();
    }

    @Test
    void leaseAck_noFollowUpBreak_violatesRSMB57() {
        readThenWrite().w(ack(5, "A", "ka", "RH"), acked(5, "RH")).violates("R-SMB-57");
    }

    @Test
    void leaseAck_followUpBreakWithANewEpoch_violatesRSMB60() {
        readThenWrite()
                .w(ack(5, "A", "ka", "RH"), acked(5, "RH"), brk("A", "ka", "RH", "R", true, 3))
                .violates("R-SMB-60");
    }

    @Test
    void nfsWrite_whileBreaking_secondNotification_violatesRSMB58() {
        aHolds("RWH")
                .w(nfsRead(2, "f", 0, 10), brk("A", "ka", "RWH", "RH", true, 2))
                .w(nfsWrite(3, "f", 0, "x"), brk("A", "ka", "RWH", "NONE", true, 3))
                .violates("R-SMB-58");
    }

    // R-SMB-60 ----------------------------------------------------------------------------------

    @Test
    void epoch_newLeaseIsRequestPlusOneBreakPlusOne() {
        ModelInput.LeaseRequest l = new ModelInput.LeaseRequest("ka", CacheBits.RWH, 2, null, 41);
        run().w(open(1, "A", "a", "f", l), leased(1, "RWH", 42, 2))
                .w(nfsWrite(2, "f", 0, "x"), brk("A", "ka", "RWH", "NONE", true, 43))
                .passes();
    }

    @Test
    void epoch_breakWithoutIncrement_violatesRSMB60() {
        aHolds("RWH")
                .w(nfsWrite(2, "f", 0, "x"), brk("A", "ka", "RWH", "NONE", true, 1))
                .violates("R-SMB-60");
    }

    @Test
    void epoch_v1RequestOnAV2Lease_v2ResponseAndUpgradeEpoch() {
        aHolds("RH")
                .w(open(2, "A", "a2", "f", v1("ka", "RWH")), leased(2, "RWH", 2, 2))
                .passes();
    }

    @Test
    void dialect21_v2ContextIgnored_noLease() {
        run(ModelConfig.defaults().withDialect(Dialect.SMB_2_1))
                .w(open(1, "A", "a", "f", v2("ka", "RWH")), oplocked(1, OplockLevel.NONE))
                .passes();
    }
}
