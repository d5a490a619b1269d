package io.interlock.suite.suites;

import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_ACCES;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_BADHANDLE;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_BADTYPE;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_EXIST;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_FBIG;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_INVAL;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_ISDIR;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_NAMETOOLONG;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_NOENT;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_NOTDIR;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_NOTEMPTY;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_NOTSUPP;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_NOT_SYNC;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_PERM;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_STALE;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3ERR_TOOSMALL;
import static io.interlock.scenarios.clients.nfs.Nfs3Status.NFS3_OK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.scenarios.clients.nfs.Nfs3Status;
import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateHow;
import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3Fattr;
import io.interlock.scenarios.clients.nfs.wire.Nfs3FsinfoRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3LookupRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3ReadRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3ReaddirRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3RenameRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3Sattr;
import io.interlock.scenarios.clients.nfs.wire.Nfs3Time;
import io.interlock.scenarios.clients.nfs.wire.Nfs3WccRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3WriteRes;
import io.interlock.scenarios.clients.rpc.XdrOut;
import io.interlock.suite.Requirement;
import io.interlock.suite.SuiteContext;
import io.interlock.suite.SuiteExtension;
import io.interlock.suite.nfs.Nfs3Raw;
import io.interlock.suite.rpc.RpcReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * NFSv3 (RFC 1813 §3.3; catalog nfs3-nlm-crossproto.md §2 and §6, R-NFS-1..14), procedure by
 * procedure over the suites' raw NFS client: every procedure, the status table, handles, wcc data,
 * READ/WRITE/COMMIT, CREATE modes, READDIR cookies, RENAME, names, FSINFO and guarded SETATTR.
 */
@ExtendWith(SuiteExtension.class)
public final class Nfs3Suite {
    private static final byte[] ZERO_VERF = new byte[8];

    private static void assertNfs(Nfs3Status expected, int actual, String what) {
        assertEquals(expected.name(), Nfs3Status.nameOf(actual), what);
    }

    private static void assertOneOf(int actual, String what, Nfs3Status... allowed) {
        for (Nfs3Status s : allowed) {
            if (s.value() == actual) {
                return;
            }
        }
        throw new org.opentest4j.AssertionFailedError(
                what + ": expected one of " + Arrays.toString(allowed) + " but was " + Nfs3Status.nameOf(actual));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh directory for the test in the export root. */
    private static byte[] dir(Nfs3Raw n, SuiteContext ctx, String name) throws Exception {
        return n.newDir(n.root(), ctx.name(name));
    }

    // =============================================================================================
    // R-NFS-1: every procedure

    @Test
    @Requirement("R-NFS-1")
    void everyProcedure_validArguments_decodedAndAnswered(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            byte[] f = n.newFile(d, "f");
            assertTrue(n.call(Nfs3Raw.NULL, new byte[0]).success(), "NULL");
            assertNfs(NFS3_OK, n.getattr(f).status(), "GETATTR");
            assertNfs(
                    NFS3_OK,
                    n.setattr(f, new Nfs3Sattr(0644L, null, null, null, null, null), null)
                            .status(),
                    "SETATTR");
            assertNfs(NFS3_OK, n.lookup(d, "f").status(), "LOOKUP");
            assertNfs(NFS3_OK, n.access(f, 0x3F).status(), "ACCESS");
            assertNfs(NFS3_OK, n.write(f, 0, bytes("hello"), Nfs3Raw.FILE_SYNC).status(), "WRITE");
            assertNfs(NFS3_OK, n.read(f, 0, 5).status(), "READ");
            assertNfs(
                    NFS3_OK,
                    n.create(d, "g", new Nfs3CreateHow.Unchecked(Nfs3Sattr.NONE))
                            .status(),
                    "CREATE");
            assertNfs(NFS3_OK, n.mkdir(d, "sub").status(), "MKDIR");
            Nfs3CreateRes sl = n.symlink(d, "ln", "f");
            assertNfs(NFS3_OK, sl.status(), "SYMLINK");
            byte[] lnFh = sl.object() != null ? sl.object() : n.lookup(d, "ln").object();
            assertNfs(NFS3_OK, n.readlink(lnFh).status(), "READLINK");
            assertOneOf(n.mknodFifo(d, "fifo").status(), "MKNOD of a FIFO", NFS3_OK, NFS3ERR_NOTSUPP);
            assertNfs(NFS3_OK, n.link(f, d, "hard").status(), "LINK");
            assertNfs(NFS3_OK, n.rename(d, "g", d, "g2").status(), "RENAME");
            assertNfs(NFS3_OK, n.remove(d, "g2").status(), "REMOVE");
            assertNfs(NFS3_OK, n.rmdir(d, "sub").status(), "RMDIR");
            assertNfs(NFS3_OK, n.readdir(d, 0, ZERO_VERF, 8192).status(), "READDIR");
            assertOneOf(n.readdirplus(d, 0, ZERO_VERF, 8192, 32768).status(), "READDIRPLUS", NFS3_OK, NFS3ERR_NOTSUPP);
            assertNfs(NFS3_OK, n.fsstat(n.root()).status(), "FSSTAT");
            assertNfs(NFS3_OK, n.fsinfo(n.root()).status(), "FSINFO");
            assertNfs(NFS3_OK, n.pathconf(n.root()).status(), "PATHCONF");
            assertNfs(NFS3_OK, n.commit(f, 0, 0).status(), "COMMIT");
        }
    }

    // =============================================================================================
    // R-NFS-2: status codes of common errors

    @Test
    @Requirement("R-NFS-2")
    void lookupRemoveRename_missingName_noent(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            assertNfs(NFS3ERR_NOENT, n.lookup(d, "missing").status(), "LOOKUP of a missing name");
            assertNfs(NFS3ERR_NOENT, n.remove(d, "missing").status(), "REMOVE of a missing name");
            assertNfs(NFS3ERR_NOENT, n.rename(d, "missing", d, "x").status(), "RENAME of a missing name");
        }
    }

    @Test
    @Requirement({"R-NFS-2", "R-NFS-9"})
    void createMkdirLink_existingName_exist(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            byte[] f = n.newFile(d, "f");
            n.newDir(d, "sub");
            assertNfs(
                    NFS3ERR_EXIST,
                    n.create(d, "f", new Nfs3CreateHow.Guarded(Nfs3Sattr.NONE)).status(),
                    "CREATE GUARDED");
            assertNfs(NFS3ERR_EXIST, n.mkdir(d, "sub").status(), "MKDIR of an existing name");
            assertNfs(NFS3ERR_EXIST, n.link(f, d, "sub").status(), "LINK to an existing name");
        }
    }

    @Test
    @Requirement("R-NFS-2")
    void rmdir_nonEmptyDirectoryOrFile_notemptyAndNotdir(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            byte[] sub = n.newDir(d, "sub");
            n.newFile(sub, "x");
            n.newFile(d, "f");
            assertNfs(NFS3ERR_NOTEMPTY, n.rmdir(d, "sub").status(), "RMDIR of a non-empty directory");
            assertNfs(NFS3ERR_NOTDIR, n.rmdir(d, "f").status(), "RMDIR of a file");
        }
    }

    @Test
    @Requirement("R-NFS-2")
    void remove_directory_isdir(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            n.newDir(d, "sub");
            assertNfs(NFS3ERR_ISDIR, n.remove(d, "sub").status(), "REMOVE of a directory");
        }
    }

    @Test
    @Requirement("R-NFS-2")
    void directoryOperations_fileHandle_notdir(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] f = n.newFile(ctx.name("f"));
            assertNfs(NFS3ERR_NOTDIR, n.lookup(f, "x").status(), "LOOKUP in a file");
            assertNfs(
                    NFS3ERR_NOTDIR,
                    n.create(f, "x", new Nfs3CreateHow.Unchecked(Nfs3Sattr.NONE))
                            .status(),
                    "CREATE in a file");
            assertNfs(NFS3ERR_NOTDIR, n.readdir(f, 0, ZERO_VERF, 8192).status(), "READDIR of a file");
        }
    }

    @Test
    @Requirement("R-NFS-2")
    void readWrite_directoryHandle_isdir(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            assertNfs(NFS3ERR_ISDIR, n.read(d, 0, 10).status(), "READ of a directory");
            assertNfs(
                    NFS3ERR_ISDIR, n.write(d, 0, bytes("x"), Nfs3Raw.FILE_SYNC).status(), "WRITE to a directory");
        }
    }

    @Test
    @Requirement("R-NFS-2")
    void link_directorySource_isdirPermOrBadtype(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            byte[] sub = n.newDir(d, "sub");
            assertOneOf(
                    n.link(sub, d, "l").status(), "LINK of a directory", NFS3ERR_ISDIR, NFS3ERR_PERM, NFS3ERR_BADTYPE);
        }
    }

    @Test
    @Requirement("R-NFS-2")
    void createAndMkdir_dotNames_exist(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            assertNfs(
                    NFS3ERR_EXIST,
                    n.create(d, ".", new Nfs3CreateHow.Guarded(Nfs3Sattr.NONE)).status(),
                    "CREATE \".\"");
            assertNfs(NFS3ERR_EXIST, n.mkdir(d, "..").status(), "MKDIR \"..\"");
        }
    }

    // =============================================================================================
    // R-NFS-3: handles

    @Test
    @Requirement("R-NFS-3")
    void getattr_undecodableHandle_badhandle(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            assertNfs(NFS3ERR_BADHANDLE, n.getattr(new byte[] {1, 2, 3}).status(), "GETATTR of a 3-byte handle");
        }
    }

    @Test
    @Requirement("R-NFS-3")
    void getattr_handleOfRemovedFile_stale(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            String name = ctx.name("gone");
            byte[] f = n.newFile(name);
            assertNfs(NFS3_OK, n.remove(n.root(), name).status(), "REMOVE");
            assertNfs(NFS3ERR_STALE, n.getattr(f).status(), "GETATTR of a removed file's handle");
        }
    }

    @Test
    @Requirement({"R-NFS-3", "R-NFS-7"})
    void restart_existingObjects_handlesStayValidAndVerifierChanges(SuiteContext ctx) throws Exception {
        assumeTrue(ctx.restartable(), "the target cannot be restarted by the suite");
        byte[] f;
        byte[] verfBefore;
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            f = n.newFile(ctx.name("f"));
            verfBefore = n.write(f, 0, bytes("before"), Nfs3Raw.UNSTABLE).verifier();
        }
        ctx.restart(Duration.ZERO);
        try (Nfs3Raw n = ctx.nfsRaw("B")) {
            Nfs3Raw.Attr a = n.getattr(f);
            assertNfs(NFS3_OK, a.status(), "GETATTR of the old handle after the restart");
            Nfs3WriteRes w = n.write(f, 0, bytes("after"), Nfs3Raw.UNSTABLE);
            assertNfs(NFS3_OK, w.status(), "WRITE after the restart");
            assertFalse(Arrays.equals(verfBefore, w.verifier()), "the write verifier changes with the server instance");
        }
    }

    // =============================================================================================
    // R-NFS-4, R-NFS-5: wcc data and LOOKUP attributes

    @Test
    @Requirement("R-NFS-4")
    void write_wccData_matchesGetattrBeforeAndAfter(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] f = n.newFile(ctx.name("f"));
            n.write(f, 0, bytes("0123456789"), Nfs3Raw.FILE_SYNC);
            Nfs3Fattr before = n.getattr(f).attributes();
            Nfs3WriteRes w = n.write(f, 10, bytes("abc"), Nfs3Raw.FILE_SYNC);
            Nfs3Fattr after = n.getattr(f).attributes();
            ctx.note(
                    "wcc",
                    "pre " + (w.fileWcc().before() != null) + ", post "
                            + (w.fileWcc().after() != null));
            // pre- and post-op attributes may each be absent, but what is there must be accurate
            checkWcc(w.fileWcc(), before, after, "WRITE's file_wcc");
            if (w.fileWcc().after() != null) {
                assertEquals(13, w.fileWcc().after().size(), "post.size");
            }
        }
    }

    @Test
    @Requirement("R-NFS-4")
    void createAndRemove_successAndFailure_carryAccurateDirWcc(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            Nfs3Fattr dirBefore = n.getattr(d).attributes();
            Nfs3CreateRes ok = n.create(d, "f", new Nfs3CreateHow.Guarded(Nfs3Sattr.NONE));
            assertNfs(NFS3_OK, ok.status(), "CREATE");
            checkWcc(ok.dirWcc(), dirBefore, n.getattr(d).attributes(), "CREATE's dir_wcc");
            Nfs3Fattr dirNow = n.getattr(d).attributes();
            Nfs3CreateRes fail = n.create(d, "f", new Nfs3CreateHow.Guarded(Nfs3Sattr.NONE));
            assertNfs(NFS3ERR_EXIST, fail.status(), "CREATE GUARDED again");
            checkWcc(fail.dirWcc(), dirNow, n.getattr(d).attributes(), "the failed CREATE's dir_wcc");
            Nfs3WccRes missing = n.remove(d, "missing");
            assertNfs(NFS3ERR_NOENT, missing.status(), "REMOVE of a missing name");
            checkWcc(missing.wcc(), dirNow, n.getattr(d).attributes(), "the failed REMOVE's dir_wcc");
        }
    }

    /** wcc fields may be absent, but present ones equal GETATTR before and after. */
    private static void checkWcc(
            io.interlock.scenarios.clients.nfs.wire.Nfs3WccData w, Nfs3Fattr before, Nfs3Fattr after, String what) {
        assertNotNull(w, what);
        assertTrue(w.before() != null || w.after() != null, what + ": neither pre- nor post-op attributes");
        if (w.before() != null) {
            assertEquals(before.size(), w.before().size(), what + " pre.size");
            assertEquals(before.mtime(), w.before().mtime(), what + " pre.mtime");
            assertEquals(before.ctime(), w.before().ctime(), what + " pre.ctime");
        }
        if (w.after() != null) {
            assertEquals(after, w.after(), what + " post-op attributes");
        }
    }

    @Test
    @Requirement("R-NFS-5")
    void lookup_objectAttributesAndDotNames_matchGetattr(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            n.newFile(d, "f");
            Nfs3LookupRes r = n.lookup(d, "f");
            assertNfs(NFS3_OK, r.status(), "LOOKUP");
            assertNotNull(r.objAttributes(), "LOOKUP returns the object's attributes");
            assertEquals(n.getattr(r.object()).attributes(), r.objAttributes(), "obj_attributes equal GETATTR");
            Nfs3LookupRes dot = n.lookup(d, ".");
            assertNfs(NFS3_OK, dot.status(), "LOOKUP \".\"");
            assertEquals(
                    n.getattr(d).attributes().fileid(),
                    n.getattr(dot.object()).attributes().fileid(),
                    "\".\" is the directory");
            Nfs3LookupRes dotdot = n.lookup(d, "..");
            assertNfs(NFS3_OK, dotdot.status(), "LOOKUP \"..\"");
            assertEquals(
                    n.getattr(n.root()).attributes().fileid(),
                    n.getattr(dotdot.object()).attributes().fileid(),
                    "\"..\" is the parent (the export root)");
        }
    }

    // =============================================================================================
    // R-NFS-6, 7, 8: READ, WRITE, COMMIT

    @Test
    @Requirement("R-NFS-6")
    void read_countsAndEof_perRfc(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] f = n.newFile(ctx.name("f"));
            byte[] data = new byte[100];
            Arrays.fill(data, (byte) 'x');
            n.write(f, 0, data, Nfs3Raw.FILE_SYNC);
            Nfs3ReadRes a = n.read(f, 0, 50);
            assertEquals(50, a.count(), "READ 50 of 100");
            assertEquals(50, a.data().length, "data length equals count");
            assertFalse(a.eof(), "eof before the end");
            Nfs3ReadRes b = n.read(f, 50, 50);
            assertEquals(50, b.count(), "READ of the last 50");
            assertTrue(b.eof(), "eof when offset + count reaches the size");
            Nfs3ReadRes c = n.read(f, 90, 4096);
            assertEquals(10, c.count(), "never more than what is there");
            assertTrue(c.eof(), "eof at the end");
            Nfs3ReadRes past = n.read(f, 200, 10);
            assertNfs(NFS3_OK, past.status(), "READ past EOF");
            assertEquals(0, past.count(), "0 bytes past EOF");
            assertTrue(past.eof(), "eof past EOF");
            Nfs3ReadRes zero = n.read(f, 0, 0);
            assertNfs(NFS3_OK, zero.status(), "READ of 0 bytes");
            assertEquals(0, zero.count(), "0 bytes for count 0");
        }
    }

    @Test
    @Requirement("R-NFS-7")
    void write_eachStableHow_committedAtLeastAsStableAndCountWithinRequest(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] f = n.newFile(ctx.name("f"));
            byte[] verf = null;
            for (int stable : new int[] {Nfs3Raw.UNSTABLE, Nfs3Raw.DATA_SYNC, Nfs3Raw.FILE_SYNC}) {
                Nfs3WriteRes w = n.write(f, stable * 10L, bytes("0123456789"), stable);
                assertNfs(NFS3_OK, w.status(), "WRITE stable=" + stable);
                assertTrue(w.committed().ordinal() >= stable, "committed " + w.committed() + " >= stable " + stable);
                assertTrue(w.count() > 0 && w.count() <= 10, "count " + w.count() + " within the request");
                if (verf != null) {
                    assertArrayEquals(verf, w.verifier(), "one write verifier per server instance");
                }
                verf = w.verifier();
            }
            Nfs3Raw.Commit c = n.commit(f, 0, 0);
            assertNfs(NFS3_OK, c.status(), "COMMIT");
            assertArrayEquals(verf, c.verifier(), "COMMIT's verifier equals WRITE's");
        }
    }

    @Test
    @Requirement("R-NFS-7")
    void write_beyondMaxFileSize_fbig(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] f = n.newFile(ctx.name("f"));
            long max = n.fsinfo(n.root()).maxFileSize();
            assumeTrue(
                    max != -1L && max != 0,
                    "FSINFO maxfilesize " + Long.toUnsignedString(max) + " leaves no room above it");
            ctx.note("maxfilesize", Long.toUnsignedString(max));
            assertNfs(
                    NFS3ERR_FBIG,
                    n.write(f, max, bytes("x"), Nfs3Raw.FILE_SYNC).status(),
                    "WRITE ending above maxfilesize");
        }
    }

    @Test
    @Requirement("R-NFS-8")
    void commit_wholeFileAfterUnstableWrites_dataReadBack(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] f = n.newFile(ctx.name("f"));
            n.write(f, 0, bytes("unstable-"), Nfs3Raw.UNSTABLE);
            n.write(f, 9, bytes("data"), Nfs3Raw.UNSTABLE);
            Nfs3Raw.Commit c = n.commit(f, 0, 0);
            assertNfs(NFS3_OK, c.status(), "COMMIT(0, 0)");
            Nfs3ReadRes r = n.read(f, 0, 100);
            assertEquals("unstable-data", new String(r.data(), StandardCharsets.UTF_8), "bytes of the unstable writes");
        }
    }

    // =============================================================================================
    // R-NFS-9: CREATE modes

    @Test
    @Requirement("R-NFS-9")
    void createUnchecked_existingWithSizeZero_okAndTruncates(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            String name = ctx.name("f");
            byte[] f = n.newFile(name);
            n.write(f, 0, bytes("content"), Nfs3Raw.FILE_SYNC);
            Nfs3CreateRes r = n.create(n.root(), name, new Nfs3CreateHow.Unchecked(Nfs3Sattr.size(0L)));
            assertNfs(NFS3_OK, r.status(), "CREATE UNCHECKED of an existing name");
            assertEquals(0, n.getattr(f).attributes().size(), "size=0 in the attributes truncates");
        }
    }

    @Test
    @Requirement("R-NFS-9")
    void createExclusive_retryAndOtherVerifier_sameHandleOrExist(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            String name = ctx.name("x");
            byte[] v1 = bytes("verf0001");
            Nfs3CreateRes first = n.create(n.root(), name, new Nfs3CreateHow.Exclusive(v1));
            assertNfs(NFS3_OK, first.status(), "EXCLUSIVE CREATE");
            byte[] fh = first.object() != null
                    ? first.object()
                    : n.lookup(n.root(), name).object();
            Nfs3CreateRes retry = n.create(n.root(), name, new Nfs3CreateHow.Exclusive(v1));
            assertNfs(NFS3_OK, retry.status(), "retry with the same verifier");
            byte[] again = retry.object() != null
                    ? retry.object()
                    : n.lookup(n.root(), name).object();
            assertArrayEquals(fh, again, "the retry returns the same file handle");
            assertNfs(
                    NFS3ERR_EXIST,
                    n.create(n.root(), name, new Nfs3CreateHow.Exclusive(bytes("verf0002")))
                            .status(),
                    "another verifier");
            String guarded = ctx.name("g");
            n.newFile(guarded);
            assertNfs(
                    NFS3ERR_EXIST,
                    n.create(n.root(), guarded, new Nfs3CreateHow.Exclusive(v1)).status(),
                    "EXCLUSIVE on a GUARDED file");
        }
    }

    @Test
    @Requirement("R-NFS-9")
    void createExclusive_twelveByteVerifierForm_retrySucceeds(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            String name = ctx.name("x");
            // nfs-client-java's createverf3: a length word, then 8 bytes (12 on the wire, quirk q4)
            byte[] how = new XdrOut()
                    .int32(2)
                    .int32(8)
                    .fixedOpaque(bytes("ABCDEFGH"))
                    .bytes();
            assertNfs(NFS3_OK, n.createRaw(n.root(), name, how).status(), "EXCLUSIVE with the 12-byte verifier form");
            assertNfs(NFS3_OK, n.createRaw(n.root(), name, how).status(), "the same 12 bytes again: a retry");
        }
    }

    // =============================================================================================
    // R-NFS-10: READDIR

    @Test
    @Requirement("R-NFS-10")
    void readdir_cookieChain_coversDirectoryAndCookiesStable(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            Set<String> names = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                n.newFile(d, "file-with-a-longish-name-" + i);
                names.add("file-with-a-longish-name-" + i);
            }
            List<Nfs3ReaddirRes.Entry> first = listAll(n, d, 512);
            Set<String> seen = new HashSet<>();
            for (Nfs3ReaddirRes.Entry e : first) {
                seen.add(e.name());
            }
            seen.remove(".");
            seen.remove("..");
            assertEquals(names, seen, "the cookie chain lists every entry");
            List<Nfs3ReaddirRes.Entry> second = listAll(n, d, 512);
            assertEquals(
                    first.stream().map(e -> e.name() + "@" + e.cookie()).toList(),
                    second.stream().map(e -> e.name() + "@" + e.cookie()).toList(),
                    "an unchanged directory gives the same cookies");
        }
    }

    /** Every entry through the cookie chain; each reply must have an entry or eof. */
    private static List<Nfs3ReaddirRes.Entry> listAll(Nfs3Raw n, byte[] d, int count) throws Exception {
        List<Nfs3ReaddirRes.Entry> out = new ArrayList<>();
        long cookie = 0;
        byte[] verf = ZERO_VERF;
        for (int i = 0; i < 1000; i++) {
            Nfs3ReaddirRes r = n.readdir(d, cookie, verf, count);
            assertNfs(NFS3_OK, r.status(), "READDIR at cookie " + cookie);
            assertTrue(!r.entries().isEmpty() || r.eof(), "a reply makes progress or says eof");
            out.addAll(r.entries());
            if (r.eof()) {
                return out;
            }
            cookie = r.entries().get(r.entries().size() - 1).cookie();
            verf = r.cookieverf();
        }
        throw new org.opentest4j.AssertionFailedError("READDIR never reached eof");
    }

    @Test
    @Requirement("R-NFS-10")
    void readdir_countTooSmallForOneEntry_toosmall(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            n.newFile(d, "f");
            assertNfs(NFS3ERR_TOOSMALL, n.readdir(d, 0, ZERO_VERF, 16).status(), "READDIR with count 16");
        }
    }

    @Test
    @Requirement("R-NFS-10")
    void readdir_insertDuringListing_validCookieNeverBadCookie(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            Set<String> names = new HashSet<>();
            for (int i = 0; i < 30; i++) {
                n.newFile(d, "entry-number-" + i);
                names.add("entry-number-" + i);
            }
            Nfs3ReaddirRes r = n.readdir(d, 0, ZERO_VERF, 512);
            assertNfs(NFS3_OK, r.status(), "first READDIR");
            assertFalse(r.eof(), "the first reply does not hold them all");
            Set<String> seen = new HashSet<>();
            r.entries().forEach(e -> seen.add(e.name()));
            n.newFile(d, "inserted-meanwhile");
            long cookie = r.entries().get(r.entries().size() - 1).cookie();
            byte[] verf = r.cookieverf();
            while (!r.eof()) {
                r = n.readdir(d, cookie, verf, 512);
                assertNfs(NFS3_OK, r.status(), "READDIR after an insert, at a still-valid cookie");
                r.entries().forEach(e -> seen.add(e.name()));
                if (!r.entries().isEmpty()) {
                    cookie = r.entries().get(r.entries().size() - 1).cookie();
                }
                verf = r.cookieverf();
            }
            assertTrue(seen.containsAll(names), "every entry that existed throughout was listed");
        }
    }

    // =============================================================================================
    // R-NFS-11: RENAME

    @Test
    @Requirement("R-NFS-11")
    void rename_ontoItself_okAndUnchanged(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            byte[] f = n.newFile(d, "f");
            n.link(f, d, "hard");
            assertNfs(NFS3_OK, n.rename(d, "f", d, "f").status(), "RENAME f → f");
            assertNfs(NFS3_OK, n.rename(d, "f", d, "hard").status(), "RENAME onto a hard link of the same file");
            assertNfs(NFS3_OK, n.lookup(d, "f").status(), "f still there");
            assertNfs(NFS3_OK, n.lookup(d, "hard").status(), "the link still there");
        }
    }

    @Test
    @Requirement("R-NFS-11")
    void rename_incompatibleTargets_refusedAndNamespaceUnchanged(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            n.newFile(d, "f");
            n.newDir(d, "empty");
            byte[] full = n.newDir(d, "full");
            n.newFile(full, "x");
            n.newDir(d, "other");
            Nfs3Status[] allowed = {NFS3ERR_EXIST, NFS3ERR_ISDIR, NFS3ERR_NOTDIR, NFS3ERR_NOTEMPTY};
            assertOneOf(n.rename(d, "f", d, "empty").status(), "file over a directory", allowed);
            assertOneOf(n.rename(d, "empty", d, "f").status(), "directory over a file", allowed);
            assertOneOf(n.rename(d, "other", d, "full").status(), "directory over a non-empty directory", allowed);
            for (String s : List.of("f", "empty", "full", "other")) {
                assertNfs(NFS3_OK, n.lookup(d, s).status(), s + " is unchanged");
            }
            assertNfs(NFS3_OK, n.lookup(full, "x").status(), "full/x is unchanged");
        }
    }

    @Test
    @Requirement("R-NFS-11")
    void rename_directoryIntoItsOwnSubtree_inval(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            byte[] top = n.newDir(d, "top");
            byte[] sub = n.newDir(top, "sub");
            assertNfs(NFS3ERR_INVAL, n.rename(d, "top", sub, "moved").status(), "RENAME into its own subtree");
            assertNfs(NFS3_OK, n.lookup(d, "top").status(), "top stays");
        }
    }

    @Test
    @Requirement("R-NFS-11")
    void rename_overCompatibleTarget_replacedAtomically(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            byte[] f = n.newFile(d, "f");
            n.write(f, 0, bytes("source"), Nfs3Raw.FILE_SYNC);
            byte[] g = n.newFile(d, "g");
            n.write(g, 0, bytes("target"), Nfs3Raw.FILE_SYNC);
            Nfs3RenameRes r = n.rename(d, "f", d, "g");
            assertNfs(NFS3_OK, r.status(), "RENAME f over g");
            assertNfs(NFS3ERR_NOENT, n.lookup(d, "f").status(), "f is gone");
            Nfs3LookupRes now = n.lookup(d, "g");
            assertEquals(
                    "source",
                    new String(n.read(now.object(), 0, 100).data(), StandardCharsets.UTF_8),
                    "g has f's data");
            byte[] dn = n.newDir(d, "dn");
            n.newDir(d, "emptyTarget");
            n.newFile(dn, "inside");
            assertNfs(NFS3_OK, n.rename(d, "dn", d, "emptyTarget").status(), "a directory over an empty directory");
            assertNfs(
                    NFS3_OK,
                    n.lookup(n.lookup(d, "emptyTarget").object(), "inside").status(),
                    "the moved tree");
        }
    }

    // =============================================================================================
    // R-NFS-12: names

    @Test
    @Requirement("R-NFS-12")
    void create_nameLongerThanNameMax_nametoolong(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            Nfs3Raw.Pathconf pc = n.pathconf(d);
            assertNfs(NFS3_OK, pc.status(), "PATHCONF");
            assertEquals(255, pc.nameMax(), "PATHCONF name_max");
            String max = "a".repeat((int) pc.nameMax());
            assertNfs(
                    NFS3_OK,
                    n.create(d, max, new Nfs3CreateHow.Guarded(Nfs3Sattr.NONE)).status(),
                    "a name of name_max bytes");
            assertNfs(
                    NFS3ERR_NAMETOOLONG,
                    n.create(d, max + "b", new Nfs3CreateHow.Guarded(Nfs3Sattr.NONE))
                            .status(),
                    "a name of name_max + 1 bytes");
        }
    }

    @Test
    @Requirement("R-NFS-12")
    void create_emptyOrSlashName_invalOrAcces(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] d = dir(n, ctx, "d");
            assertOneOf(
                    n.create(d, "", new Nfs3CreateHow.Guarded(Nfs3Sattr.NONE)).status(),
                    "empty name",
                    NFS3ERR_INVAL,
                    NFS3ERR_ACCES);
            assertOneOf(
                    n.create(d, "a/b", new Nfs3CreateHow.Guarded(Nfs3Sattr.NONE))
                            .status(),
                    "name with '/'",
                    NFS3ERR_INVAL,
                    NFS3ERR_ACCES);
            assertEquals(
                    0,
                    n.readdir(d, 0, ZERO_VERF, 8192).entries().stream()
                            .filter(e -> !e.name().equals(".") && !e.name().equals(".."))
                            .count(),
                    "nothing was created");
        }
    }

    // =============================================================================================
    // R-NFS-13, R-NFS-14

    @Test
    @Requirement("R-NFS-13")
    void fsinfo_sizesAndProperties_withinBounds(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            Nfs3FsinfoRes i = n.fsinfo(n.root());
            assertNfs(NFS3_OK, i.status(), "FSINFO");
            ctx.note(
                    "fsinfo",
                    "rtmax=" + i.rtmax() + " rtpref=" + i.rtpref() + " wtmax=" + i.wtmax() + " wtpref=" + i.wtpref()
                            + " dtpref=" + i.dtpref() + " properties=0x" + Long.toHexString(i.properties()));
            assertTrue(i.rtpref() > 0 && i.rtmax() >= i.rtpref(), "rtmax >= rtpref > 0");
            assertTrue(i.wtpref() > 0 && i.wtmax() >= i.wtpref(), "wtmax >= wtpref > 0");
            assertTrue(i.rtpref() <= 1 << 20, "rtpref <= 1 MiB, got " + i.rtpref());
            assertTrue(i.wtpref() <= 1 << 20, "wtpref <= 1 MiB, got " + i.wtpref());
            assertTrue(i.dtpref() > 0, "dtpref > 0");
            long needed = 0x1 | 0x2 | 0x8 | 0x10;
            assertEquals(needed, i.properties() & needed, "properties LINK|SYMLINK|HOMOGENEOUS|CANSETTIME");
        }
    }

    @Test
    @Requirement("R-NFS-14")
    void setattr_guardCtimeMismatch_notSyncAndNothingChanged(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] f = n.newFile(ctx.name("f"));
            n.setattr(f, new Nfs3Sattr(0600L, null, null, null, null, null), null);
            Nfs3Fattr a = n.getattr(f).attributes();
            Nfs3Time wrong = new Nfs3Time(a.ctime().seconds() + 1, a.ctime().nseconds());
            Nfs3WccRes r = n.setattr(f, new Nfs3Sattr(0644L, null, null, null, null, null), wrong);
            assertNfs(NFS3ERR_NOT_SYNC, r.status(), "SETATTR with a guard ctime that does not match");
            assertEquals(0600, n.getattr(f).attributes().mode() & 0777, "the mode did not change");
            Nfs3WccRes ok = n.setattr(f, new Nfs3Sattr(0644L, null, null, null, null, null), a.ctime());
            assertNfs(NFS3_OK, ok.status(), "SETATTR with the right guard");
            assertEquals(0644, n.getattr(f).attributes().mode() & 0777, "the mode changed");
        }
    }

    /** Whether an RPC reply is an accepted SUCCESS (for tests that call procedures raw). */
    static boolean accepted(RpcReply r) {
        return r.success();
    }
}
