package io.interlock.scenarios.model;

import static io.interlock.scenarios.model.Dsl.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** R-XP-1..15 and R-SMB-80..85: what NFS and NLM operations break, when they may answer. */
class CrossProtocolRulesTest {
    private static final ModelConfig NOTIFY = ModelConfig.defaults().withBreakPolicy(BreakPolicy.NOTIFY);
    private static final ModelConfig JUKEBOX = ModelConfig.defaults().withBreakPolicy(BreakPolicy.JUKEBOX);

    // R-XP-1 ------------------------------------------------------------------------------------

    @Test
    void nfsWrite_rwhLeaseUnderNotify_breakToNoneInTheReplyWindow() {
        aHolds(NOTIFY, "RWH")
                .w(nfsWrite(2, "f", 0, "x"), nfsOk(2), brk("A", "ka", "RWH", "NONE", true, 2))
                .passes();
    }

    @Test
    void nfsWrite_replyWithoutBreakUnderNotify_violatesRXP1() {
        Violation v =
                aHolds(NOTIFY, "RWH").w(nfsWrite(2, "f", 0, "x"), nfsOk(2)).violates("R-XP-1");
        assertThat(v.message()).contains("LeaseBreak(A/ka RWH->NONE ACK_REQUIRED epoch=2 v2)", "not seen");
        assertThat(v.reqs()).containsExactly(2L);
    }

    // R-XP-2 ------------------------------------------------------------------------------------

    @Test
    void nfsWrite_rLease_breaksToNoneWithoutAckAndAnswersAtOnce() {
        aHolds("R")
                .w(nfsWrite(2, "f", 0, "x"), brk("A", "ka", "R", "NONE", false, 2), nfsOk(2))
                .passes();
    }

    @Test
    void nfsWrite_rhLeaseBrokenOnlyToR_violatesRXP2() {
        aHolds("RH")
                .w(nfsWrite(2, "f", 0, "x"), brk("A", "ka", "RH", "R", true, 2), nfsOk(2))
                .violates("R-XP-2");
    }

    // R-XP-3 ------------------------------------------------------------------------------------

    @Test
    void nfsRead_rwLease_breaksToRAndWaits() {
        aHolds("RW")
                .w(nfsRead(2, "f", 0, 10), brk("A", "ka", "RW", "R", true, 2))
                .w(ack(3, "A", "ka", "R"), acked(3, "R"), data(2, Status.NFS3_OK, "", true))
                .passes();
    }

    @Test
    void nfsRead_rwhBrokenToRLikeDittoFs_violatesRXP3() {
        aHolds("RWH")
                .w(nfsRead(2, "f", 0, 10), brk("A", "ka", "RWH", "R", true, 2))
                .violates("R-XP-3");
    }

    @Test
    void nfsRead_rhLeaseBroken_violatesRXP3() {
        aHolds("RH")
                .w(nfsRead(2, "f", 0, 10), brk("A", "ka", "RH", "R", true, 2), data(2, Status.NFS3_OK, "", true))
                .violates("R-XP-3");
    }

    // R-XP-4 ------------------------------------------------------------------------------------

    @Test
    void nfsRemove_rhLease_breaksToNoneAndRemovesAfterTheAck() {
        Run r = aHolds("RH")
                .w(new ModelInput.NfsRemove(2, "B", "f"), brk("A", "ka", "RH", "NONE", true, 2))
                .w(ack(3, "A", "ka", "NONE"), acked(3, "NONE"), nfsOk(2))
                .passes();
        assertThat(r.state().names()).doesNotContainKey("f");
    }

    /**
     * A WRITE held on the same break as a REMOVE of its file, released after it (explore seed 7 run
     * 130): the server evaluates the WRITE again from its handle, whose object is gone for NFS,
     * even though an SMB open keeps it alive (R-NFS-3), as a WRITE sent after the REMOVE would be.
     */
    private static Run writeHeldBehindRemove() {
        return aHolds("RWH")
                .w(new ModelInput.NfsRemove(2, "B", "f"), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(new ModelInput.NfsWrite(3, "C", "f", 0, Bytes.of("C1")));
    }

    @Test
    void nfsWrite_heldBehindARemoveOfItsFile_releasedAfterIt_answersStale() {
        writeHeldBehindRemove()
                .w(ack(4, "A", "ka", "NONE"), acked(4, "NONE"), nfsOk(2), reply(3, Status.NFS3ERR_STALE))
                .passes();
    }

    @Test
    void nfsWrite_heldBehindARemoveOfItsFile_writtenBeforeIt_passes() {
        // both wait for one break: a server may run the WRITE first, then the REMOVE
        writeHeldBehindRemove()
                .w(ack(4, "A", "ka", "NONE"), acked(4, "NONE"), nfsOk(3), nfsOk(2))
                .passes();
    }

    @Test
    void nfsRemove_hOnlyBrokenAsSmbDeleteWould_violatesRXP4() {
        aHolds("RH")
                .w(new ModelInput.NfsRemove(2, "B", "f"), brk("A", "ka", "RH", "R", true, 2))
                .violates("R-XP-4");
    }

    // R-XP-5 ------------------------------------------------------------------------------------

    private static Run cHoldsDirectory() {
        return run().w(new ModelInput.NfsMkdir(1, "B", "d"), nfsOk(1))
                .w(open(2, "C", "c", "d", v2("kc", "RH")).asDirectory(), leased(2, "RH", 1, 2));
    }

    @Test
    void nfsLink_leasedDirectory_breaksItsLease() {
        cHoldsDirectory()
                .w(ModelInput.NfsCreate.guarded(3, "B", "g"), nfsOk(3))
                .w(new ModelInput.NfsLink(4, "B", "g", "d/h"), brk("C", "kc", "RH", "NONE", true, 2), nfsOk(4))
                .passes();
    }

    @Test
    void nfsCreate_leasedDirectoryWithoutBreak_violatesRXP5() {
        cHoldsDirectory()
                .w(ModelInput.NfsCreate.guarded(3, "B", "d/x"), nfsOk(3))
                .violates("R-XP-5");
    }

    // R-XP-6 ------------------------------------------------------------------------------------

    @Test
    void nfsSetSize_rhLease_breaksToNoneWithoutWaiting() {
        aHolds("RH")
                .w(new ModelInput.NfsSetSize(2, "B", "f", 4), brk("A", "ka", "RH", "NONE", true, 2), nfsOk(2))
                .passes();
    }

    @Test
    void nfsSetSize_noBreak_violatesRXP6() {
        aHolds("RWH").w(new ModelInput.NfsSetSize(2, "B", "f", 0), nfsOk(2)).violates("R-XP-6");
    }

    // R-XP-7 ------------------------------------------------------------------------------------

    @Test
    void nfsWrite_waitPolicyNoAck_completesExactlyAtTheTimeout() {
        aHolds("RWH")
                .w(nfsWrite(2, "f", 0, "x"), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(at(34.999999))
                .w(at(35), nfsOk(2))
                .passes();
    }

    @Test
    void nfsWrite_replyBeforeTheAckUnderWait_violatesRXP7() {
        Violation v = aHolds("RWH")
                .w(nfsWrite(2, "f", 0, "x"), brk("A", "ka", "RWH", "NONE", true, 2), nfsOk(2))
                .violates("R-XP-7");
        assertThat(v.message()).contains("must still be held", "break before effect");
    }

    @Test
    void nfsWrite_replyBeforeTheTimeout_violatesRXP7() {
        aHolds("RWH")
                .w(nfsWrite(2, "f", 0, "x"), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(at(34), nfsOk(2))
                .violates("R-XP-7");
    }

    // R-XP-8 ------------------------------------------------------------------------------------

    @Test
    void nlmLock_rwhLease_boundExpires_leaseForcedToNoneAndGranted() {
        Run r = aHolds("RWH")
                .w(nlmLock(2, N1, "f", 0, 10, true, false), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(at(4.9))
                .w(at(5), reply(2, Status.NLM4_GRANTED))
                .passes();
        assertThat(r.state().lease("A", "ka").state()).isEqualTo(CacheBits.NONE);
        r.w(ack(3, "A", "ka", "NONE"), reply(3, Status.STATUS_UNSUCCESSFUL)).passes();
    }

    @Test
    void nlmLock_grantedBeforeTheAck_violatesRXP8() {
        aHolds("RWH")
                .w(
                        nlmLock(2, N1, "f", 0, 10, true, false),
                        brk("A", "ka", "RWH", "NONE", true, 2),
                        reply(2, Status.NLM4_GRANTED))
                .violates("R-XP-8");
    }

    @Test
    void nlmLock_lateAckAfterTheBoundAccepted_violatesRXP8() {
        aHolds("RWH")
                .w(nlmLock(2, N1, "f", 0, 10, true, false), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(at(5), reply(2, Status.NLM4_GRANTED))
                .w(ack(3, "A", "ka", "NONE"), acked(3, "NONE"))
                .violates("R-XP-8");
    }

    // R-XP-9 ------------------------------------------------------------------------------------

    private static final ModelConfig DENY_UNBROKEN = ModelConfig.defaults().withDenyUnbrokenLease(true);

    @Test
    void nlmLock_denyUnbrokenLeaseAndNoAck_deniedAtTheBoundLeaseStillBreaking() {
        Run r = aHolds(DENY_UNBROKEN, "RWH")
                .w(nlmLock(2, N1, "f", 0, 10, true, false), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(at(5), reply(2, Status.NLM4_DENIED))
                .passes();
        assertThat(r.state().lease("A", "ka").breaking()).isTrue();
        r.w(ack(3, "A", "ka", "NONE"), acked(3, "NONE")).passes();
    }

    @Test
    void nlmLock_denyUnbrokenLeaseButGranted_violatesRXP9() {
        aHolds(DENY_UNBROKEN, "RWH")
                .w(nlmLock(2, N1, "f", 0, 10, true, false), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(at(5), reply(2, Status.NLM4_GRANTED))
                .violates("R-XP-9");
    }

    // R-XP-10 -----------------------------------------------------------------------------------

    /** N holds an NLM exclusive lock on [0,10) of f; A has f open without a lease. */
    private static Run nlmLocked() {
        return run().w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(open(2, "A", "a", "f", OplockLevel.NONE), oplocked(2, OplockLevel.NONE))
                .w(nlmLock(3, N1, "f", 0, 10, true, false), reply(3, Status.NLM4_GRANTED));
    }

    @Test
    void smbWrite_intoAnNlmLockedRange_fileLockConflict() {
        nlmLocked()
                .w(smbWrite(4, "A", "a", 2, "XX"), reply(4, Status.STATUS_FILE_LOCK_CONFLICT))
                .w(smbLock(5, "A", "a", 5, 10, true), reply(5, Status.STATUS_FILE_LOCK_CONFLICT))
                .passes();
    }

    @Test
    void smbWrite_intoAnNlmLockedRangeSucceeds_violatesRXP10() {
        nlmLocked().w(smbWrite(4, "A", "a", 2, "XX"), ok(4)).violates("R-XP-10");
    }

    @Test
    void smbUnlock_blockedNlmWaiterNotGranted_violatesRXP10() {
        run().w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(open(2, "A", "a", "f", OplockLevel.NONE), oplocked(2, OplockLevel.NONE))
                .w(smbLock(3, "A", "a", 0, 10, true), ok(3))
                .w(nlmLock(4, N1, "f", 0, 10, true, true), reply(4, Status.NLM4_BLOCKED))
                .w(new ModelInput.SmbUnlock(5, "A", "a", 0, 10), ok(5))
                .violates("R-XP-10");
    }

    // R-XP-11 -----------------------------------------------------------------------------------

    private static Run smbLocked(ModelConfig cfg) {
        return run(cfg).w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(open(2, "A", "a", "f", OplockLevel.NONE), oplocked(2, OplockLevel.NONE))
                .w(smbLock(3, "A", "a", 0, 10, true), ok(3));
    }

    @Test
    void nfsWrite_smbLockedRangeUnderDenyPolicy_acces() {
        smbLocked(ModelConfig.defaults().withNfsLockPolicy(NfsLockPolicy.DENY))
                .w(nfsWrite(4, "f", 2, "XX"), reply(4, Status.NFS3ERR_ACCES))
                .w(nfsWrite(5, "f", 20, "XX"), nfsOk(5))
                .passes();
    }

    @Test
    void nfsWrite_smbLockedRangeUnderDenyPolicySucceeds_violatesRXP11() {
        smbLocked(ModelConfig.defaults().withNfsLockPolicy(NfsLockPolicy.DENY))
                .w(nfsWrite(4, "f", 2, "XX"), nfsOk(4))
                .violates("R-XP-11");
    }

    // R-XP-12 -----------------------------------------------------------------------------------

    @Test
    void nfsRemove_missingName_noentAndNoBreak() {
        aHolds("RWH")
                .w(new ModelInput.NfsRemove(2, "B", "g"), reply(2, Status.NFS3ERR_NOENT))
                .passes();
    }

    @Test
    void nfsRename_missingSourceBreaksTheTarget_violatesRXP12() {
        aHolds("RWH")
                .w(
                        new ModelInput.NfsRename(2, "B", "missing", "f"),
                        brk("A", "ka", "RWH", "NONE", true, 2),
                        reply(2, Status.NFS3ERR_NOENT))
                .violates("R-XP-12");
    }

    // R-XP-14 -----------------------------------------------------------------------------------

    @Test
    void nfsWrite_noSmbHolderUnderWait_answersInItsWindow() {
        run().w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(nfsWrite(2, "f", 0, "x"), nfsOk(2))
                .passes();
    }

    @Test
    void nfsWrite_noSmbHolderButHeld_violatesRXP14() {
        run().w(ModelInput.NfsCreate.unchecked(1, "B", "f", null), nfsOk(1))
                .w(nfsWrite(2, "f", 0, "x"))
                .violates("R-XP-14");
    }

    // R-XP-15 -----------------------------------------------------------------------------------

    @Test
    void lateAck_unwaitedBreakRevokedAtTheTimeout_unsuccessful() {
        aHolds(NOTIFY, "RWH")
                .w(nfsRead(2, "f", 0, 10), brk("A", "ka", "RWH", "RH", true, 2), data(2, Status.NFS3_OK, "", true))
                .w(at(35))
                .w(ack(3, "A", "ka", "RH"), reply(3, Status.STATUS_UNSUCCESSFUL))
                .passes();
    }

    @Test
    void lateAck_unwaitedBreakStillAcceptedAfterTheTimeout_violatesRXP15() {
        aHolds(NOTIFY, "RWH")
                .w(nfsRead(2, "f", 0, 10), brk("A", "ka", "RWH", "RH", true, 2), data(2, Status.NFS3_OK, "", true))
                .w(at(36))
                .w(ack(3, "A", "ka", "RH"), acked(3, "RH"))
                .violates("R-XP-15");
    }

    // R-SMB-80 ----------------------------------------------------------------------------------

    @Test
    void nfsWrite_batchOplock_breaksToNoneAndWaitsForTheOplockAck() {
        aOplock(OplockLevel.BATCH)
                .w(nfsWrite(2, "f", 0, "x"), obrk("A", "a", OplockLevel.NONE))
                .w(
                        new ModelInput.SmbOplockAck(3, "A", "a", OplockLevel.NONE),
                        reply(3, Status.STATUS_SUCCESS, new Payload.OplockAcked(OplockLevel.NONE)),
                        nfsOk(2))
                .passes();
    }

    @Test
    void nfsWrite_batchOplockNotBroken_violatesRSMB80() {
        aOplock(OplockLevel.BATCH).w(nfsWrite(2, "f", 0, "x")).violates("R-SMB-80");
    }

    // R-SMB-81 ----------------------------------------------------------------------------------

    @Test
    void nfsRead_exclusiveOplock_breaksToLevelTwoAndWaits() {
        aOplock(OplockLevel.EXCLUSIVE)
                .w(nfsRead(2, "f", 0, 10), obrk("A", "a", OplockLevel.II))
                .w(
                        new ModelInput.SmbOplockAck(3, "A", "a", OplockLevel.II),
                        reply(3, Status.STATUS_SUCCESS, new Payload.OplockAcked(OplockLevel.II)),
                        data(2, Status.NFS3_OK, "", true))
                .passes();
    }

    @Test
    void nfsRead_exclusiveOplockBrokenToNone_violatesRSMB81() {
        aOplock(OplockLevel.EXCLUSIVE)
                .w(nfsRead(2, "f", 0, 10), obrk("A", "a", OplockLevel.NONE))
                .violates("R-SMB-81");
    }

    // R-SMB-82 ----------------------------------------------------------------------------------

    /** A holds RH on f through an open that does not share DELETE. */
    private static Run aNoShareDelete() {
        ModelInput.SmbCreate c = open(1, "A", "a", "f", v2("ka", "RH"))
                .withAccess(Smb2Access.READ_WRITE, Smb2Access.FILE_SHARE_READ | Smb2Access.FILE_SHARE_WRITE);
        return run().w(c, leased(1, "RH", 1, 2));
    }

    @Test
    void nfsRemove_openWithoutShareDelete_breaksThenAcces() {
        aNoShareDelete()
                .w(new ModelInput.NfsRemove(2, "B", "f"), brk("A", "ka", "RH", "NONE", true, 2))
                .w(ack(3, "A", "ka", "NONE"), acked(3, "NONE"), reply(2, Status.NFS3ERR_ACCES))
                .passes();
    }

    @Test
    void nfsRemove_openWithoutShareDeleteRemovedAnyway_violatesRSMB82() {
        aNoShareDelete()
                .w(new ModelInput.NfsRemove(2, "B", "f"), brk("A", "ka", "RH", "NONE", true, 2))
                .w(ack(3, "A", "ka", "NONE"), acked(3, "NONE"), nfsOk(2))
                .violates("R-SMB-82");
    }

    // R-SMB-83 ----------------------------------------------------------------------------------

    /** A holds Level II on f: B's second open broke A's BATCH to II and got II. */
    private static Run levelTwo() {
        return aOplock(OplockLevel.BATCH)
                .w(open(2, "B", "b", "f", OplockLevel.BATCH), obrk("A", "a", OplockLevel.II), interim(2))
                .w(
                        new ModelInput.SmbOplockAck(3, "A", "a", OplockLevel.II),
                        reply(3, Status.STATUS_SUCCESS, new Payload.OplockAcked(OplockLevel.II)),
                        oplocked(2, OplockLevel.II));
    }

    @Test
    void nlmLock_levelTwoOplocks_brokenToNoneAndGrantedAtOnce() {
        levelTwo()
                .w(
                        nlmLock(4, N1, "f", 0, 10, true, false),
                        obrk("A", "a", OplockLevel.NONE),
                        obrk("B", "b", OplockLevel.NONE),
                        reply(4, Status.NLM4_GRANTED))
                .passes();
    }

    @Test
    void nlmLock_levelTwoNotBroken_violatesRSMB83() {
        levelTwo()
                .w(
                        nlmLock(4, N1, "f", 0, 10, true, false),
                        obrk("B", "b", OplockLevel.NONE),
                        reply(4, Status.NLM4_GRANTED))
                .violates("R-SMB-83");
    }

    // R-SMB-84 ----------------------------------------------------------------------------------

    @Test
    void nfsWrite_jukeboxPolicy_jukeboxWhileTheBreakIsPending() {
        aHolds(JUKEBOX, "RWH")
                .w(nfsWrite(2, "f", 0, "x"), brk("A", "ka", "RWH", "NONE", true, 2), reply(2, Status.NFS3ERR_JUKEBOX))
                .passes();
    }

    @Test
    void nfsWrite_jukeboxPolicyAnsweredOk_violatesRSMB84() {
        aHolds(JUKEBOX, "RWH")
                .w(nfsWrite(2, "f", 0, "x"), brk("A", "ka", "RWH", "NONE", true, 2), nfsOk(2))
                .violates("R-SMB-84");
    }

    // R-SMB-85 ----------------------------------------------------------------------------------

    @Test
    void nfsGetattr_rwhLease_noBreakAndTheServersSize() {
        aHolds("RWH")
                .w(smbWrite(2, "A", "a", 0, "abc"), ok(2))
                .w(new ModelInput.NfsGetattr(3, "B", "f"), reply(3, Status.NFS3_OK, new Payload.Attrs(false, 3)))
                .w(new ModelInput.NfsLookup(4, "B", "f"), reply(4, Status.NFS3_OK, new Payload.Attrs(false, 3)))
                .passes();
    }

    @Test
    void nfsGetattr_breaksTheLease_violatesRSMB85() {
        aHolds("RWH")
                .w(
                        new ModelInput.NfsGetattr(2, "B", "f"),
                        brk("A", "ka", "RWH", "RH", true, 2),
                        reply(2, Status.NFS3_OK, new Payload.Attrs(false, 0)))
                .violates("R-SMB-85");
    }

    // R-NFS-3, R-NLM-12: handles of objects that are gone -----------------------------------

    @Test
    void staleHandle_nfsAnswersStaleAndBreaksNothing() {
        aHolds("RWH")
                .w(new ModelInput.StaleHandle(2, "N", false), reply(2, Status.NFS3ERR_STALE))
                .passes();
    }

    @Test
    void staleHandle_nlmAnswersStaleFh() {
        run().w(new ModelInput.StaleHandle(2, "N", true), reply(2, Status.NLM4_STALE_FH))
                .passes();
    }

    @Test
    void staleHandle_answeredOk_violatesRNFS3() {
        run().w(new ModelInput.StaleHandle(2, "N", false), nfsOk(2)).violates("R-NFS-3");
    }

    // R-XP-12: lookups and renames through a name that is a file ---------------------------

    @Test
    void lookupBelowAFile_notDir() {
        aHolds("RWH")
                .w(new ModelInput.NfsLookup(2, "N", "f/x"), reply(2, Status.NFS3ERR_NOTDIR))
                .passes();
    }

    @Test
    void lookupBelowAFile_noEnt_violates() {
        aHolds("RWH")
                .w(new ModelInput.NfsLookup(2, "N", "f/x"), reply(2, Status.NFS3ERR_NOENT))
                .violates("R-SMB-85");
    }

    @Test
    void renameIntoAFile_notDir() {
        aHolds("RWH")
                .w(new ModelInput.NfsRename(2, "N", "g", "f/x"), reply(2, Status.NFS3ERR_NOTDIR))
                .passes();
    }

    @Test
    void renameIntoAFile_noEntForTheMissingSource_violatesRXP12() {
        // the target directory handle is checked before the source name is looked up
        aHolds("RWH")
                .w(new ModelInput.NfsRename(2, "N", "g", "f/x"), reply(2, Status.NFS3ERR_NOENT))
                .violates("R-XP-12");
    }

    @Test
    void renameFromBelowAFile_notDir() {
        aHolds("RWH")
                .w(new ModelInput.NfsRename(2, "N", "f/x", "g"), reply(2, Status.NFS3ERR_NOTDIR))
                .passes();
    }

    // R-XP-12: every (directory handle, name) operation whose directory is a file --------------

    @Test
    void removeBelowAFile_notDir() {
        aHolds("RWH")
                .w(new ModelInput.NfsRemove(2, "N", "f/x"), reply(2, Status.NFS3ERR_NOTDIR))
                .passes();
    }

    @Test
    void removeBelowAFile_noEnt_violatesRXP12() {
        aHolds("RWH")
                .w(new ModelInput.NfsRemove(2, "N", "f/x"), reply(2, Status.NFS3ERR_NOENT))
                .violates("R-XP-12");
    }

    @Test
    void rmdirBelowAFile_notDir() {
        aHolds("RWH")
                .w(new ModelInput.NfsRmdir(2, "N", "f/x"), reply(2, Status.NFS3ERR_NOTDIR))
                .passes();
    }

    @Test
    void rmdirBelowAFile_noEnt_violatesRXP12() {
        aHolds("RWH")
                .w(new ModelInput.NfsRmdir(2, "N", "f/x"), reply(2, Status.NFS3ERR_NOENT))
                .violates("R-XP-12");
    }

    @Test
    void createMkdirLinkBelowAFile_notDir() {
        aHolds("RWH")
                .w(ModelInput.NfsCreate.guarded(2, "N", "f/x"), reply(2, Status.NFS3ERR_NOTDIR))
                .w(new ModelInput.NfsMkdir(3, "N", "f/x"), reply(3, Status.NFS3ERR_NOTDIR))
                .w(new ModelInput.NfsLink(4, "N", "f", "f/x"), reply(4, Status.NFS3ERR_NOTDIR))
                .passes();
    }

    @Test
    void removeBelowAMissingDirectory_noEnt() {
        run().w(new ModelInput.NfsRemove(1, "N", "d/x"), reply(1, Status.NFS3ERR_NOENT))
                .w(new ModelInput.NfsRmdir(2, "N", "d/x"), reply(2, Status.NFS3ERR_NOENT))
                .passes();
    }
}
