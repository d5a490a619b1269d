package io.interlock.scenarios.model;

import static io.interlock.scenarios.model.Dsl.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The catalog scenarios (scenarios/src/main/resources/catalog/*.yaml), behaviours our reference
 * server passes today, written by hand as lockstep windows: every one must pass the model. The
 * engine's defaults: smb.open is OPEN_IF, read/write, share all, a v2 lease with Epoch 0; an
 * nfs.write to a new name is an NFS CREATE, then the WRITE; a caching SMB client's writes reach the
 * server only when it flushes (on the break).
 */
class CatalogScenariosTest {
    private static final ModelConfig ONE_SECOND = ModelConfig.defaults().withBreakTimeout(ModelConfig.SECOND);

    private static ModelInput.NfsCreate nfsCreate(long req, String path) {
        return ModelInput.NfsCreate.unchecked(req, "B", path, null);
    }

    @Test
    void xpWriteBreaksLease_waitPolicy_passes() {
        Run r = aHolds("RWH")
                .w(smbWrite(2, "A", "a", 0, "smb"), ok(2))
                .w(nfsWrite(3, "f", 0, "nfs"), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(ack(4, "A", "ka", "NONE"), acked(4, "NONE"), nfsOk(3))
                .w(close(5, "A", "a"), ok(5))
                .passes();
        assertThat(r.state().content("f")).isEqualTo(Bytes.of("nfs"));
    }

    @Test
    void smbOpenBreaksWriteLease_secondClientWaitsForAck_passes() {
        run().w(open(1, "A", "a", "g", v2("ka", "RWH")), leased(1, "RWH", 1, 2))
                .w(smbWrite(2, "A", "a", 0, "from-a"), ok(2))
                .w(open(3, "B", "b", "g", v2("kb", "RWH")), brk("A", "ka", "RWH", "RH", true, 2), interim(3))
                .w(ack(4, "A", "ka", "RH"), acked(4, "RH"), leased(3, "RH", 1, 2))
                .w(smbRead(5, "B", "b", 0, 100), data(5, Status.STATUS_SUCCESS, "from-a", null))
                .w(close(6, "B", "b"), ok(6))
                .w(close(7, "A", "a"), ok(7))
                .passes();
    }

    @Test
    void xpWriteBreaksReadLease_rAndRhToNone_hAloneUntouched_passes() {
        run().w(nfsCreate(1, "f"), nfsOk(1))
                .w(nfsWrite(2, "f", 0, "old"), nfsOk(2))
                .w(open(3, "A", "a", "f", v2("ka", "R")), leased(3, "R", 1, 2))
                .w(open(4, "C", "c", "f", v2("kc", "RH")), leased(4, "RH", 1, 2))
                .w(open(5, "D", "d", "f", v2("kd", "H")), leased(5, "NONE", 1, 2))
                .w(
                        nfsWrite(6, "f", 0, "new"),
                        brk("A", "ka", "R", "NONE", false, 2),
                        brk("C", "kc", "RH", "NONE", true, 2),
                        nfsOk(6))
                .w(ack(7, "C", "kc", "NONE"), acked(7, "NONE"))
                .passes();
    }

    @Test
    void xpReadBreaksWriteCaching_stripsWOnly_passes() {
        aHolds("RWH")
                .w(smbWrite(2, "A", "a", 0, "from-a"), ok(2))
                .w(open(3, "E", "e", "g", v2("ke", "RW")), leased(3, "RW", 1, 2))
                .w(smbWrite(4, "E", "e", 0, "from-e"), ok(4))
                .w(nfsCreate(5, "h"), nfsOk(5))
                .w(nfsWrite(6, "h", 0, "shared"), nfsOk(6))
                .w(open(7, "C", "c", "h", v2("kc", "R")), leased(7, "R", 1, 2))
                .w(open(8, "D", "d", "h", v2("kd", "RH")), leased(8, "RH", 1, 2))
                .w(nfsRead(9, "f", 0, 1000), brk("A", "ka", "RWH", "RH", true, 2))
                .w(ack(10, "A", "ka", "RH"), acked(10, "RH"), data(9, Status.NFS3_OK, "from-a", true))
                .w(nfsRead(11, "g", 0, 1000), brk("E", "ke", "RW", "R", true, 2))
                .w(ack(12, "E", "ke", "R"), acked(12, "R"), data(11, Status.NFS3_OK, "from-e", true))
                .w(nfsRead(13, "h", 0, 1000), data(13, Status.NFS3_OK, "shared", true))
                .passes();
    }

    @Test
    void xpRemoveRenameBreaksLease_sourceAndReplacedTarget_passes() {
        Run r = aHolds("RWH")
                .w(smbWrite(2, "A", "a", 0, "doomed"), ok(2))
                .w(new ModelInput.NfsRemove(3, "B", "f"), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(ack(4, "A", "ka", "NONE"), acked(4, "NONE"), nfsOk(3))
                .w(open(5, "C", "c", "src", v2("kc", "RWH")), leased(5, "RWH", 1, 2))
                .w(smbWrite(6, "C", "c", 0, "from-c"), ok(6))
                .w(open(7, "D", "d", "dst", v2("kd", "RWH")), leased(7, "RWH", 1, 2))
                .w(smbWrite(8, "D", "d", 0, "from-d"), ok(8))
                .w(
                        new ModelInput.NfsRename(9, "B", "src", "dst"),
                        brk("C", "kc", "RWH", "NONE", true, 2),
                        brk("D", "kd", "RWH", "NONE", true, 2))
                .w(ack(10, "C", "kc", "NONE"), acked(10, "NONE"))
                .w(ack(11, "D", "kd", "NONE"), acked(11, "NONE"), nfsOk(9))
                .passes();
        assertThat(r.state().content("dst")).isEqualTo(Bytes.of("from-c"));
        assertThat(r.state().content("src")).isNull();
        assertThat(r.state().content("f")).isNull();
    }

    @Test
    void xpTruncateBreaksLease_setattrAndTruncatingCreate_passes() {
        Run r = aHolds("RWH")
                .w(smbWrite(2, "A", "a", 0, "12345678"), ok(2))
                .w(new ModelInput.NfsSetSize(3, "B", "f", 0), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(ack(4, "A", "ka", "NONE"), acked(4, "NONE"), nfsOk(3))
                .w(open(5, "C", "c", "g", v2("kc", "RWH")), leased(5, "RWH", 1, 2))
                .w(smbWrite(6, "C", "c", 0, "abcdefgh"), ok(6))
                .w(ModelInput.NfsCreate.unchecked(7, "B", "g", 0L), brk("C", "kc", "RWH", "NONE", true, 2))
                .w(ack(8, "C", "kc", "NONE"), acked(8, "NONE"), nfsOk(7))
                .passes();
        assertThat(r.state().content("f")).isEqualTo(Bytes.EMPTY);
        assertThat(r.state().content("g")).isEqualTo(Bytes.EMPTY);
    }

    @Test
    void xpFailedOpBreaksNothing_missingNameAndDirectory_passes() {
        run().w(new ModelInput.NfsMkdir(1, "B", "d"), nfsOk(1))
                .w(open(2, "A", "a", "f", v2("ka", "RWH")), leased(2, "RWH", 1, 2))
                .w(smbWrite(3, "A", "a", 0, "keep"), ok(3))
                .w(open(4, "C", "c", "d", v2("kc", "RH")).asDirectory(), leased(4, "RH", 1, 2))
                .w(new ModelInput.NfsRemove(5, "B", "missing"), reply(5, Status.NFS3ERR_NOENT))
                .w(nfsWrite(6, "d", 0, "x"), reply(6, Status.NFS3ERR_ISDIR))
                .w(new ModelInput.NfsRemove(7, "B", "d"), reply(7, Status.NFS3ERR_ISDIR))
                .w(smbRead(8, "A", "a", 0, 100), data(8, Status.STATUS_SUCCESS, "keep", null))
                .passes();
    }

    @Test
    void xpDirLeaseBreaksOnNfs_createMkdirRemoveRename_passes() {
        ModelInput.SmbCreate d1 = open(3, "C", "d1", "d", v2("kd1", "RH")).asDirectory();
        run().w(new ModelInput.NfsMkdir(1, "B", "d"), nfsOk(1))
                .w(new ModelInput.NfsMkdir(2, "B", "e"), nfsOk(2))
                .w(d1, leased(3, "RH", 1, 2))
                .w(nfsCreateGuarded(4, "d/x"), brk("C", "kd1", "RH", "NONE", true, 2))
                .w(ack(5, "C", "kd1", "NONE"), acked(5, "NONE"), nfsOk(4))
                .w(open(6, "C", "d2", "d", v2("kd2", "RH")).asDirectory(), leased(6, "RH", 1, 2))
                .w(new ModelInput.NfsMkdir(7, "B", "d/sub"), brk("C", "kd2", "RH", "NONE", true, 2))
                .w(ack(8, "C", "kd2", "NONE"), acked(8, "NONE"), nfsOk(7))
                .w(open(9, "C", "d3", "d", v2("kd3", "RH")).asDirectory(), leased(9, "RH", 1, 2))
                .w(new ModelInput.NfsRemove(10, "B", "d/x"), brk("C", "kd3", "RH", "NONE", true, 2))
                .w(ack(11, "C", "kd3", "NONE"), acked(11, "NONE"), nfsOk(10))
                .w(nfsCreateGuarded(12, "d/y"), nfsOk(12))
                .w(open(13, "C", "d4", "d", v2("kd4", "RH")).asDirectory(), leased(13, "RH", 1, 2))
                .w(open(14, "E", "e1", "e", v2("ke1", "RH")).asDirectory(), leased(14, "RH", 1, 2))
                .w(
                        new ModelInput.NfsRename(15, "B", "d/y", "e/y"),
                        brk("C", "kd4", "RH", "NONE", true, 2),
                        brk("E", "ke1", "RH", "NONE", true, 2))
                .w(ack(16, "C", "kd4", "NONE"), acked(16, "NONE"))
                .w(ack(17, "E", "ke1", "NONE"), acked(17, "NONE"), nfsOk(15))
                .passes();
    }

    private static ModelInput.NfsCreate nfsCreateGuarded(long req, String path) {
        return ModelInput.NfsCreate.guarded(req, "B", path);
    }

    @Test
    void xpNoSmbHolderNeverBlocks_everyOperationAnswersAtOnce_passes() {
        Run r = run().w(nfsCreate(1, "f"), nfsOk(1))
                .w(nfsWrite(2, "f", 0, "hello"), nfsOk(2))
                .w(nfsRead(3, "f", 0, 100), data(3, Status.NFS3_OK, "hello", true))
                .w(new ModelInput.NfsSetSize(4, "B", "f", 2), nfsOk(4))
                .w(ModelInput.NfsCreate.unchecked(5, "B", "g", 0L), nfsOk(5))
                .w(new ModelInput.NfsRename(6, "B", "g", "h"), nfsOk(6))
                .w(new ModelInput.NfsRemove(7, "B", "h"), nfsOk(7))
                .w(nlmLock(8, N1, "f", 0, 0, true, false), reply(8, Status.NLM4_GRANTED))
                .w(nlmUnlock(9, N1, "f", 0, 0), reply(9, Status.NLM4_GRANTED))
                .w(nfsWrite(10, "f", 0, "HE"), nfsOk(10))
                .passes();
        assertThat(r.state().content("f")).isEqualTo(Bytes.of("HE"));
    }

    @Test
    void xpBreakCounters_oneWriteBreakAcknowledged_passes() {
        aHolds("RWH")
                .w(nfsWrite(2, "f", 0, "nfs"), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(ack(3, "A", "ka", "NONE"), acked(3, "NONE"), nfsOk(2))
                .passes();
    }

    @Test
    void xpNlmLockBreaksLeases_grantedAfterTheAck_passes() {
        run().w(nfsCreate(1, "f"), nfsOk(1))
                .w(nfsWrite(2, "f", 0, "0123456789"), nfsOk(2))
                .w(open(3, "A", "a", "f", v2("ka", "RWH")), leased(3, "RWH", 1, 2))
                .w(smbWrite(4, "A", "a", 0, "aaaa"), ok(4))
                .w(open(5, "C", "c", "f", v2("kc", "R")), brk("A", "ka", "RWH", "RH", true, 2), interim(5))
                .w(ack(6, "A", "ka", "RH"), acked(6, "RH"), leased(5, "R", 1, 2))
                .w(
                        nlmLock(7, N1, "f", 0, 10, true, false),
                        brk("A", "ka", "RH", "NONE", true, 3),
                        brk("C", "kc", "R", "NONE", false, 2))
                .w(ack(8, "A", "ka", "NONE"), acked(8, "NONE"), reply(7, Status.NLM4_GRANTED))
                .w(nlmTest(9, N1, "f", 0, 10), reply(9, Status.NLM4_GRANTED))
                .w(nlmUnlock(10, N1, "f", 0, 10), reply(10, Status.NLM4_GRANTED))
                .passes();
    }

    @Test
    void xpNlmSmbByteRange_conflictsBothWaysAndGrantOnUnlockAndClose_passes() {
        Run r = run().w(nfsCreate(1, "f"), nfsOk(1))
                .w(nfsWrite(2, "f", 0, "0123456789abcdef"), nfsOk(2))
                .w(open(3, "A", "a", "f", OplockLevel.NONE), oplocked(3, OplockLevel.NONE))
                .w(smbLock(4, "A", "a", 100, 10, true), ok(4))
                .w(new ModelInput.SmbUnlock(5, "A", "a", 100, 10), ok(5))
                .w(nlmLock(6, N1, "f", 0, 10, true, false), reply(6, Status.NLM4_GRANTED))
                .w(smbLock(7, "A", "a", 5, 10, true), reply(7, Status.STATUS_LOCK_NOT_GRANTED))
                .w(smbWrite(8, "A", "a", 2, "XX"), reply(8, Status.STATUS_FILE_LOCK_CONFLICT))
                .w(smbWrite(9, "A", "a", 12, "YY"), ok(9))
                .w(nlmUnlock(10, N1, "f", 0, 10), reply(10, Status.NLM4_GRANTED))
                .w(smbLock(11, "A", "a", 0, 10, true), ok(11))
                .w(nlmTest(12, N1, "f", 5, 1), reply(12, Status.NLM4_DENIED, new Payload.TestHolder(true, 0, 10)))
                .w(nlmLock(13, N1, "f", 5, 1, true, false), reply(13, Status.NLM4_DENIED))
                .w(nlmLock(14, N1, "f", 0, 10, true, true), reply(14, Status.NLM4_BLOCKED))
                .w(new ModelInput.SmbUnlock(15, "A", "a", 0, 10), ok(15), granted(N1, "f", 0, 10))
                .w(nlmUnlock(16, N1, "f", 0, 10), reply(16, Status.NLM4_GRANTED))
                .w(smbLock(17, "A", "a", 0, 10, true), ok(17))
                .w(nlmLock(18, N1, "f", 0, 10, true, true), reply(18, Status.NLM4_BLOCKED))
                .w(close(19, "A", "a"), ok(19), granted(N1, "f", 0, 10))
                .w(nlmUnlock(20, N1, "f", 0, 10), reply(20, Status.NLM4_GRANTED))
                .passes();
        assertThat(r.state().content("f")).isEqualTo(Bytes.of("0123456789abYYef"));
    }

    @Test
    void xpNfsWriteSmbLockedRange_ignorePolicy_passes() {
        Run r = run().w(nfsCreate(1, "f"), nfsOk(1))
                .w(nfsWrite(2, "f", 0, "0123456789"), nfsOk(2))
                .w(open(3, "A", "a", "f", OplockLevel.NONE), oplocked(3, OplockLevel.NONE))
                .w(smbLock(4, "A", "a", 0, 10, true), ok(4))
                .w(nfsWrite(5, "f", 2, "XX"), nfsOk(5))
                .w(new ModelInput.SmbUnlock(6, "A", "a", 0, 10), ok(6))
                .w(smbRead(7, "A", "a", 0, 100), data(7, Status.STATUS_SUCCESS, "01XX456789", null))
                .passes();
        assertThat(r.state().content("f")).isEqualTo(Bytes.of("01XX456789"));
    }

    @Test
    void xpJukeboxRetry_jukeboxUntilTheAckThenOk_passes() {
        Run r = run(ModelConfig.defaults().withBreakPolicy(BreakPolicy.JUKEBOX))
                .w(open(1, "A", "a", "f", v2("ka", "RWH")), leased(1, "RWH", 1, 2))
                .w(
                        nfsWrite(2, "f", 0, "BBBB"),
                        brk("A", "ka", "RWH", "NONE", true, 2),
                        reply(2, Status.NFS3ERR_JUKEBOX))
                .w(smbWrite(3, "A", "a", 0, "AAAA"), ok(3)) // A flushes its cache
                .w(nfsWrite(4, "f", 0, "BBBB"), reply(4, Status.NFS3ERR_JUKEBOX))
                .w(ack(5, "A", "ka", "NONE"), acked(5, "NONE"))
                .w(nfsWrite(6, "f", 0, "BBBB"), nfsOk(6))
                .passes();
        assertThat(r.state().content("f")).isEqualTo(Bytes.of("BBBB"));
    }

    @Test
    void shareListCache_addRemoveDisable_passes() {
        run(ModelConfig.defaults().withShares(Set.of("share")))
                .w(new ModelInput.ShareEnum(1, "S"), shares(1, "share"))
                .w(new ModelInput.ShareAdd(2, "admin", "extra1"), reply(2, Status.OK))
                .w(new ModelInput.ShareEnum(3, "S"), shares(3, "share", "extra1"))
                .w(new ModelInput.ShareRemove(4, "admin", "extra1"), reply(4, Status.OK))
                .w(new ModelInput.ShareEnum(5, "S"), shares(5, "share"))
                .w(new ModelInput.ShareAdd(6, "admin", "extra2"), reply(6, Status.OK))
                .w(new ModelInput.ShareEnum(7, "S"), shares(7, "share", "extra2"))
                .w(new ModelInput.ShareDisable(8, "admin", "extra2"), reply(8, Status.OK))
                .w(new ModelInput.ShareEnum(9, "S"), shares(9, "share"))
                .passes();
    }

    static ModelOutput.Reply shares(long req, String... names) {
        return reply(req, Status.STATUS_SUCCESS, new Payload.ShareNames(Set.of(names)));
    }

    @Test
    void xpWriteInvalidatesReadCache_breakBeforeTheWriteReply_passes() {
        run().w(nfsCreate(1, "f"), nfsOk(1))
                .w(nfsWrite(2, "f", 0, "old"), nfsOk(2))
                .w(open(3, "A", "a", "f", v2("ka", "RWH")), leased(3, "RWH", 1, 2))
                .w(smbRead(4, "A", "a", 0, 100), data(4, Status.STATUS_SUCCESS, "old", null))
                .w(nfsWrite(5, "f", 0, "new"), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(ack(6, "A", "ka", "NONE"), acked(6, "NONE"), nfsOk(5))
                .w(smbRead(7, "A", "a", 0, 100), data(7, Status.STATUS_SUCCESS, "new", null))
                .passes();
    }

    @Test
    void xpWaitWriteAfterAck_flushThenAckThenReply_passes() {
        Run r = aHolds("RWH")
                .w(nfsWrite(2, "f", 4, "BB"), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(smbWrite(3, "A", "a", 0, "AAAA"), ok(3))
                .w(ack(4, "A", "ka", "NONE"), acked(4, "NONE"), nfsOk(2))
                .w(nfsRead(5, "f", 0, 100), data(5, Status.NFS3_OK, "AAAABB", true))
                .passes();
        assertThat(r.state().content("f")).isEqualTo(Bytes.of("AAAABB"));
    }

    @Test
    void xpLostWriteWait_nfsWriteAppliedAfterTheFlush_passes() {
        Run r = aHolds("RWH")
                .w(nfsWrite(2, "f", 0, "BBBB"), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(smbWrite(3, "A", "a", 0, "AAAA"), ok(3))
                .w(ack(4, "A", "ka", "NONE"), acked(4, "NONE"), nfsOk(2))
                .passes();
        assertThat(r.state().content("f")).isEqualTo(Bytes.of("BBBB"));
    }

    @Test
    void xpLostWriteNotify_replyWithTheBreakThenLateFlush_passesAndLosesTheWrite() {
        Run r = run(ModelConfig.defaults().withBreakPolicy(BreakPolicy.NOTIFY))
                .w(open(1, "A", "a", "f", v2("ka", "RWH")), leased(1, "RWH", 1, 2))
                .w(nfsWrite(2, "f", 0, "BBBB"), nfsOk(2), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(smbWrite(3, "A", "a", 0, "AAAA"), ok(3))
                .w(ack(4, "A", "ka", "NONE"), acked(4, "NONE"))
                .passes();
        assertThat(r.state().content("f")).isEqualTo(Bytes.of("AAAA")); // the cost of NOTIFY
    }

    @Test
    void xpWaitNoAckTimesOut_writeCompletesAtTheTimeoutAndLeaseIsNone_passes() {
        Run r = run(ONE_SECOND)
                .w(open(1, "A", "a", "f", v2("ka", "RWH")), leased(1, "RWH", 1, 2))
                .w(smbWrite(2, "A", "a", 0, "from-a"), ok(2))
                .w(nfsWrite(3, "f", 0, "nfs"), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(at(0.9))
                .w(at(1.0), nfsOk(3))
                .w(ack(4, "A", "ka", "NONE"), reply(4, Status.STATUS_UNSUCCESSFUL))
                .w(nfsWrite(5, "f", 0, "NFS"), nfsOk(5))
                .passes();
        assertThat(r.state().content("f")).isEqualTo(Bytes.of("NFSm-a"));
    }

    @Test
    void xpNlmLockBreakTimeout_grantedWhenTheBreakTimesOut_passes() {
        Run r = run(ONE_SECOND)
                .w(nfsCreate(1, "f"), nfsOk(1))
                .w(nfsWrite(2, "f", 0, "0123456789"), nfsOk(2))
                .w(open(3, "A", "a", "f", v2("ka", "RWH")), leased(3, "RWH", 1, 2))
                .w(nlmLock(4, N1, "f", 0, 10, true, false), brk("A", "ka", "RWH", "NONE", true, 2))
                .w(at(0.5))
                .w(at(1.0), reply(4, Status.NLM4_GRANTED))
                .w(ack(5, "A", "ka", "NONE"), reply(5, Status.STATUS_UNSUCCESSFUL))
                .w(nlmUnlock(6, N1, "f", 0, 10), reply(6, Status.NLM4_GRANTED))
                .passes();
        assertThat(r.state().lease("A", "ka").state()).isEqualTo(CacheBits.NONE);
    }

    @Test
    void xpNotifyUnackedBreakRevoked_leaseNoneAtTheTimeout_passes() {
        Run r = run(ONE_SECOND.withBreakPolicy(BreakPolicy.NOTIFY))
                .w(open(1, "A", "a", "f", v2("ka", "RWH")), leased(1, "RWH", 1, 2))
                .w(smbWrite(2, "A", "a", 0, "abc"), ok(2))
                .w(nfsRead(3, "f", 0, 100), brk("A", "ka", "RWH", "RH", true, 2), data(3, Status.NFS3_OK, "abc", true))
                .w(at(0.99));
        assertThat(r.state().lease("A", "ka").breaking()).isTrue();
        r.w(at(1.0)).passes();
        Holder a = r.state().lease("A", "ka");
        assertThat(a.state()).isEqualTo(CacheBits.NONE);
        assertThat(a.breaking()).isFalse();
        r.w(ack(4, "A", "ka", "RH"), reply(4, Status.STATUS_UNSUCCESSFUL)).passes();
    }
}
