package io.interlock.server.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.LeaseBreakNotice;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LeaseRequest;
import io.interlock.server.core.lock.LeaseState;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.Nfs3Xdr;
import io.interlock.server.runtime.BreakPolicy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Directory leases (an SMB client's RH lease on directory D, held through a fake BreakNotifier)
 * break to None when NFS changes D's entries (spec R-XP-5), both parents for a cross-directory
 * RENAME, and never for an operation that fails (R-XP-12).
 */
class Nfs3DirectoryLeaseTest {
    private final Nfs3Harness h = new Nfs3Harness(BreakPolicy.NOTIFY);
    private final Nfs3Ops nfs = h.ops;
    private final List<LeaseBreakNotice> notices = new CopyOnWriteArrayList<>();
    private byte[] d;
    private byte[] e;

    @BeforeEach
    void setUp() throws Exception {
        d = nfs.mkdir(h.root, "D");
        e = nfs.mkdir(h.root, "E");
        nfs.create(d, "file");
        nfs.mkdir(d, "sub");
        nfs.create(nfs.lookup(d, "sub"), "inner");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private static FileId idOf(byte[] fh) {
        return new FileId(ByteBuffer.wrap(fh).getLong(8));
    }

    /** A fresh RH directory lease on {@code dir}; returns its key. */
    private LeaseKey leaseOn(byte[] dir) {
        LeaseKey key = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        h.locks.requestLease(new LeaseRequest(idOf(dir), key, LeaseState.RH, 2, 0, true, notices::add));
        assertThat(h.locks.lease(key).orElseThrow().state()).isEqualTo(LeaseState.RH);
        return key;
    }

    private List<LeaseBreakNotice> noticesFor(LeaseKey key) {
        return notices.stream().filter(n -> n.key().equals(key)).toList();
    }

    private interface Op {
        Nfs3Ops.Res run() throws Exception;
    }

    private void assertBreaks(Op op, Nfs3Status expected) throws Exception {
        LeaseKey key = leaseOn(d);
        assertThat(op.run().status()).isEqualTo(expected);
        List<LeaseBreakNotice> got = noticesFor(key);
        assertThat(got).as("one break of D's lease").hasSize(1);
        assertThat(got.get(0).newState()).isEqualTo(LeaseState.NONE);
        assertThat(got.get(0).trigger()).isEqualTo(BreakTrigger.DIRECTORY_CHANGE);
        assertThat(got.get(0).file()).isEqualTo(idOf(d));
        h.locks.acknowledge(key, LeaseState.NONE);
        h.locks.releaseLeaseOpen(key);
    }

    private void assertNoBreak(Op op, Nfs3Status expected) throws Exception {
        LeaseKey key = leaseOn(d);
        assertThat(op.run().status()).isEqualTo(expected);
        assertThat(noticesFor(key))
                .as("a failed operation breaks nothing (R-XP-12)")
                .isEmpty();
        assertThat(h.locks.lease(key).orElseThrow().state()).isEqualTo(LeaseState.RH);
        h.locks.releaseLeaseOpen(key);
    }

    private Nfs3Ops.Res mkdir(byte[] dir, String name) throws Exception {
        return nfs.call(9, w -> {
            Nfs3Ops.dirop(dir, name).encode(w);
            Nfs3Xdr.writeSattr3(w, SetAttributes.NONE);
        });
    }

    private Nfs3Ops.Res symlink(byte[] dir, String name, String target) throws Exception {
        return nfs.call(10, w -> {
            Nfs3Ops.dirop(dir, name).encode(w);
            Nfs3Xdr.writeSattr3(w, SetAttributes.NONE);
            w.writeOpaque(target.getBytes(StandardCharsets.UTF_8));
        });
    }

    private Nfs3Ops.Res link(byte[] file, byte[] dir, String name) throws Exception {
        return nfs.call(15, w -> {
            w.writeOpaque(file);
            Nfs3Ops.dirop(dir, name).encode(w);
        });
    }

    private Nfs3Ops.Res rmdir(byte[] dir, String name) throws Exception {
        return nfs.call(13, Nfs3Ops.dirop(dir, name));
    }

    @Test
    void namespaceChangesInsideD_breakDsDirectoryLease() throws Exception {
        assertBreaks(() -> nfs.createRes(d, "new", 1, SetAttributes.NONE, null), Nfs3Status.NFS3_OK);
        assertBreaks(() -> mkdir(d, "newdir"), Nfs3Status.NFS3_OK);
        assertBreaks(() -> symlink(d, "ln", "file"), Nfs3Status.NFS3_OK);
        assertBreaks(() -> link(nfs.lookup(d, "file"), d, "hard"), Nfs3Status.NFS3_OK);
        assertBreaks(() -> nfs.removeRes(d, "hard"), Nfs3Status.NFS3_OK);
        assertBreaks(() -> rmdir(d, "newdir"), Nfs3Status.NFS3_OK);
        assertBreaks(() -> nfs.renameRes(d, "new", d, "renamed"), Nfs3Status.NFS3_OK);
        assertBreaks(() -> nfs.createRes(d, "x", 2, null, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), Nfs3Status.NFS3_OK);
    }

    @Test
    void renameAcrossDirectories_breaksBothParents() throws Exception {
        LeaseKey onD = leaseOn(d);
        LeaseKey onE = leaseOn(e);
        assertThat(nfs.renameRes(d, "file", e, "moved").status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(noticesFor(onD)).hasSize(1);
        assertThat(noticesFor(onE)).hasSize(1);
        assertThat(noticesFor(onE).get(0).newState()).isEqualTo(LeaseState.NONE);
    }

    @Test
    void failingOperations_breakNothing() throws Exception {
        assertNoBreak(() -> nfs.createRes(d, "file", 1, SetAttributes.NONE, null), Nfs3Status.NFS3ERR_EXIST);
        assertNoBreak(() -> mkdir(d, "sub"), Nfs3Status.NFS3ERR_EXIST);
        assertNoBreak(() -> symlink(d, "file", "x"), Nfs3Status.NFS3ERR_EXIST);
        assertNoBreak(() -> link(nfs.lookup(d, "sub"), d, "dirlink"), Nfs3Status.NFS3ERR_ISDIR);
        assertNoBreak(() -> nfs.removeRes(d, "missing"), Nfs3Status.NFS3ERR_NOENT);
        assertNoBreak(() -> nfs.removeRes(d, "sub"), Nfs3Status.NFS3ERR_ISDIR);
        assertNoBreak(() -> rmdir(d, "sub"), Nfs3Status.NFS3ERR_NOTEMPTY);
        assertNoBreak(() -> rmdir(d, "file"), Nfs3Status.NFS3ERR_NOTDIR);
        assertNoBreak(() -> nfs.renameRes(d, "missing", d, "y"), Nfs3Status.NFS3ERR_NOENT);
        assertNoBreak(() -> nfs.renameRes(d, "file", d, "sub"), Nfs3Status.NFS3ERR_ISDIR);
        assertNoBreak(() -> nfs.renameRes(h.root, "D", d, "sub2"), Nfs3Status.NFS3ERR_INVAL);
        // UNCHECKED over an existing file changes no entry of D
        assertNoBreak(() -> nfs.createRes(d, "file", 0, SetAttributes.NONE, null), Nfs3Status.NFS3_OK);
        // a rename onto itself changes nothing
        assertNoBreak(() -> nfs.renameRes(d, "file", d, "file"), Nfs3Status.NFS3_OK);
    }
}
