package io.interlock.server.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.nfs.mount.MountProgram;
import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.rpc.Rpc;
import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.rpc.XdrReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** NFSv3 and MOUNT procedures on the real MemoryFileSystem (RFC 1813; spec R-MNT, R-NFS). */
class Nfs3HandlerTest {
    private final Nfs3Harness h = new Nfs3Harness(io.interlock.server.runtime.BreakPolicy.WAIT);
    private final Nfs3Ops nfs = h.ops;

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void mnt_knownExport_returnsRootHandleAndAuthSys() throws Exception {
        RpcReplyView v = h.call(MountProgram.PROGRAM, 3, 1, w -> w.writeString("/share"));
        XdrReader r = v.results();
        assertThat(r.readInt()).isZero();
        byte[] fh = r.readOpaque(64);
        assertThat(fh).isEqualTo(h.root);
        assertThat(r.readInt()).isEqualTo(1);
        assertThat(r.readInt()).isEqualTo(Rpc.AUTH_SYS);
        RpcReplyView missing = h.call(MountProgram.PROGRAM, 3, 1, w -> w.writeString("/nope"));
        assertThat(missing.results().readInt()).isEqualTo(MountProgram.MNT3ERR_NOENT);
        RpcReplyView exports = h.call(MountProgram.PROGRAM, 3, 5, w -> {});
        XdrReader e = exports.results();
        assertThat(e.readBoolean()).isTrue();
        assertThat(e.readString(1024)).isEqualTo("/share");
        assertThat(e.readBoolean()).isFalse();
        assertThat(e.readBoolean()).isFalse();
        assertThat(h.call(MountProgram.PROGRAM, 3, 3, w -> w.writeString("/whatever"))
                        .success())
                .isTrue();
    }

    @Test
    void mnt_subdirectoryOfExport_returnsThatDirectory_filesNotdir_missingAndDotDotNoent() throws Exception {
        byte[] sub = nfs.mkdir(h.root, "sub");
        byte[] deeper = nfs.mkdir(sub, "deeper");
        nfs.create(sub, "file");
        XdrReader ok = h.call(MountProgram.PROGRAM, 3, 1, w -> w.writeString("/share/sub//deeper/"))
                .results();
        assertThat(ok.readInt()).isZero();
        assertThat(ok.readOpaque(64)).isEqualTo(deeper);
        for (String file : List.of("/share/sub/file", "/share/sub/file/", "/share/sub/file/below")) {
            RpcReplyView v = h.call(MountProgram.PROGRAM, 3, 1, w -> w.writeString(file));
            assertThat(v.results().readInt()).as(file).isEqualTo(MountProgram.MNT3ERR_NOTDIR);
        }
        for (String bad : List.of("/share/sub/..", "/share/missing", "/share/sub/missing", "/nope/sub", "/", "")) {
            RpcReplyView v = h.call(MountProgram.PROGRAM, 3, 1, w -> w.writeString(bad));
            assertThat(v.results().readInt()).as(bad).isEqualTo(MountProgram.MNT3ERR_NOENT);
        }
    }

    @Test
    void writeThenRead_roundTrips_andReadNeverExceedsCount() throws Exception {
        byte[] fh = nfs.create(h.root, "f");
        byte[] data = new byte[100_000];
        new Random(1).nextBytes(data);
        Nfs3Ops.Res w = nfs.writeRes(fh, 0, data, 0);
        assertThat(w.status()).isEqualTo(Nfs3Status.NFS3_OK);
        Nfs3Ops.preOp(w.body());
        assertThat(Nfs3Ops.postOp(w.body()).size()).isEqualTo(100_000);
        assertThat(w.body().readInt()).isEqualTo(100_000);
        assertThat(w.body().readInt()).isZero(); // UNSTABLE stays UNSTABLE
        assertThat(w.body().readFixedOpaque(8)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);

        Nfs3Ops.ReadOut part = nfs.read(fh, 10, 1000);
        assertThat(part.data()).hasSize(1000).isEqualTo(java.util.Arrays.copyOfRange(data, 10, 1010));
        assertThat(part.eof()).isFalse();
        Nfs3Ops.ReadOut tail = nfs.read(fh, 99_000, 5000);
        assertThat(tail.data()).hasSize(1000);
        assertThat(tail.eof()).isTrue();
        Nfs3Ops.ReadOut past = nfs.read(fh, 200_000, 10);
        assertThat(past.data()).isEmpty();
        assertThat(past.eof()).isTrue();
        assertThat(nfs.getattr(fh).size()).isEqualTo(100_000);
    }

    @Test
    void write_wccPre_matchesGetattrBefore() throws Exception {
        byte[] fh = nfs.create(h.root, "w");
        Nfs3Ops.Fattr before = nfs.getattr(fh);
        h.clock.advance(java.time.Duration.ofSeconds(3));
        Nfs3Ops.Res w = nfs.writeRes(fh, 0, new byte[] {1, 2, 3}, 2);
        long[] pre = Nfs3Ops.preOp(w.body());
        assertThat(pre)
                .containsExactly(before.size(), before.mtimeS(), before.mtimeNs(), before.ctimeS(), before.ctimeNs());
        Nfs3Ops.Fattr post = Nfs3Ops.postOp(w.body());
        assertThat(post).isEqualTo(nfs.getattr(fh));
        w.body().readInt();
        assertThat(w.body().readInt()).isEqualTo(2); // FILE_SYNC
    }

    @Test
    void create_modes_followRfc1813() throws Exception {
        nfs.create(h.root, "g");
        assertThat(nfs.createRes(h.root, "g", 1, SetAttributes.NONE, null).status())
                .isEqualTo(Nfs3Status.NFS3ERR_EXIST);
        // EXCLUSIVE as nfs-client-java encodes it: length word 8 + 8 bytes (12 on the wire, q4)
        byte[] javaStyle = {0, 0, 0, 8, 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'};
        Nfs3Ops.Res first = nfs.createRes(h.root, "x", 2, null, javaStyle);
        assertThat(first.status()).isEqualTo(Nfs3Status.NFS3_OK);
        first.body().readBoolean();
        byte[] fh1 = first.body().readOpaque(64);
        Nfs3Ops.Res retry = nfs.createRes(h.root, "x", 2, null, javaStyle);
        assertThat(retry.status()).isEqualTo(Nfs3Status.NFS3_OK);
        retry.body().readBoolean();
        assertThat(retry.body().readOpaque(64)).isEqualTo(fh1);
        byte[] other = {0, 0, 0, 8, 'Z', 'B', 'C', 'D', 'E', 'F', 'G', 'H'};
        assertThat(nfs.createRes(h.root, "x", 2, null, other).status()).isEqualTo(Nfs3Status.NFS3ERR_EXIST);
        assertThat(nfs.createRes(h.root, "g", 2, null, javaStyle).status()).isEqualTo(Nfs3Status.NFS3ERR_EXIST);
        // UNCHECKED with size 0 truncates an existing file
        byte[] g = nfs.lookup(h.root, "g");
        nfs.writeRes(g, 0, new byte[50], 2);
        assertThat(nfs.createRes(h.root, "g", 0, SetAttributes.size(0), null).status())
                .isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(nfs.getattr(g).size()).isZero();
    }

    @Test
    void names_invalidOrTooLong_areRefused() throws Exception {
        assertThat(nfs.createRes(h.root, "", 1, SetAttributes.NONE, null).status())
                .isEqualTo(Nfs3Status.NFS3ERR_INVAL);
        assertThat(nfs.createRes(h.root, "a/b", 1, SetAttributes.NONE, null).status())
                .isEqualTo(Nfs3Status.NFS3ERR_INVAL);
        assertThat(nfs.createRes(h.root, "n".repeat(256), 1, SetAttributes.NONE, null)
                        .status())
                .isEqualTo(Nfs3Status.NFS3ERR_NAMETOOLONG);
        assertThat(nfs.createRes(h.root, "n".repeat(255), 1, SetAttributes.NONE, null)
                        .status())
                .isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(nfs.createRes(h.root, ".", 1, SetAttributes.NONE, null).status())
                .isEqualTo(Nfs3Status.NFS3ERR_EXIST);
        assertThat(nfs.lookupRes(h.root, "n".repeat(256)).status()).isEqualTo(Nfs3Status.NFS3ERR_NAMETOOLONG);
    }

    @Test
    void lookup_dotAndDotDot_resolve() throws Exception {
        byte[] d = nfs.mkdir(h.root, "d");
        assertThat(nfs.lookup(d, ".")).isEqualTo(d);
        assertThat(nfs.lookup(d, "..")).isEqualTo(h.root);
        assertThat(nfs.lookupRes(d, "missing").status()).isEqualTo(Nfs3Status.NFS3ERR_NOENT);
    }

    @Test
    void handles_garbageIsBadhandle_removedIsStale() throws Exception {
        assertThat(nfs.call(1, w -> w.writeOpaque(new byte[] {1, 2, 3})).status())
                .isEqualTo(Nfs3Status.NFS3ERR_BADHANDLE);
        assertThat(nfs.call(1, w -> w.writeOpaque(new byte[0])).status()).isEqualTo(Nfs3Status.NFS3ERR_BADHANDLE);
        byte[] corrupt = h.root.clone();
        corrupt[10] ^= 1;
        assertThat(nfs.call(1, w -> w.writeOpaque(corrupt)).status()).isEqualTo(Nfs3Status.NFS3ERR_BADHANDLE);
        byte[] f = nfs.create(h.root, "gone");
        assertThat(nfs.removeRes(h.root, "gone").status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(nfs.call(1, w -> w.writeOpaque(f)).status()).isEqualTo(Nfs3Status.NFS3ERR_STALE);
    }

    @Test
    void setattr_guardMismatch_isNotSyncAndChangesNothing() throws Exception {
        byte[] f = nfs.create(h.root, "s");
        nfs.writeRes(f, 0, new byte[10], 2);
        Nfs3Ops.Res r = nfs.call(2, w -> {
            w.writeOpaque(f);
            io.interlock.server.nfs.v3.Nfs3Xdr.writeSattr3(w, SetAttributes.size(0));
            w.writeBoolean(true);
            w.writeInt(1).writeInt(2);
        });
        assertThat(r.status()).isEqualTo(Nfs3Status.NFS3ERR_NOT_SYNC);
        assertThat(nfs.getattr(f).size()).isEqualTo(10);
        Nfs3Ops.Fattr now = nfs.getattr(f);
        Nfs3Ops.Res ok = nfs.call(2, w -> {
            w.writeOpaque(f);
            io.interlock.server.nfs.v3.Nfs3Xdr.writeSattr3(w, SetAttributes.size(3));
            w.writeBoolean(true);
            w.writeInt((int) now.ctimeS()).writeInt(now.ctimeNs());
        });
        assertThat(ok.status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(nfs.getattr(f).size()).isEqualTo(3);
    }

    @Test
    void readdir_smallCount_pagesWithProgressAndStableCookies() throws Exception {
        byte[] d = nfs.mkdir(h.root, "big");
        Set<String> expected = new HashSet<>(Set.of(".", ".."));
        for (int i = 0; i < 60; i++) {
            String n = "entry-with-a-longish-name-" + i;
            nfs.create(d, n);
            expected.add(n);
        }
        List<String> seen = new ArrayList<>();
        List<Long> cookies = new ArrayList<>();
        long cookie = 0;
        for (int guard = 0; guard < 100; guard++) {
            Nfs3Ops.Page p = nfs.readdir(d, cookie, 400);
            assertThat(!p.names().isEmpty() || p.eof()).as("progress or eof").isTrue();
            seen.addAll(p.names());
            cookies.addAll(p.cookies());
            if (p.eof()) {
                break;
            }
            cookie = p.cookies().get(p.cookies().size() - 1);
        }
        assertThat(new HashSet<>(seen)).isEqualTo(expected);
        assertThat(seen).hasSize(62).startsWith(".", "..");
        // reserved cookies 1 and 2 for the dot entries; the store's cookies come after, never 0-2
        assertThat(cookies.subList(0, 2)).containsExactly(1L, 2L);
        assertThat(cookies.subList(2, cookies.size())).allMatch(c -> c > 2).doesNotHaveDuplicates();
        Nfs3Ops.Page again = nfs.readdir(d, 0, 100_000);
        assertThat(again.eof()).isTrue();
        assertThat(again.cookies()).isEqualTo(cookies);
        // resuming after "." lists ".." next; after ".." the first real entry
        assertThat(nfs.readdir(d, 1, 100_000).names()).isEqualTo(seen.subList(1, seen.size()));
        assertThat(nfs.readdir(d, 2, 100_000).names()).isEqualTo(seen.subList(2, seen.size()));
        assertThat(nfs.readdir(d, cookies.get(10), 100_000).names()).isEqualTo(seen.subList(11, seen.size()));
        // a concurrent insert neither moves nor invalidates the cookies already handed out
        nfs.create(d, "late");
        Nfs3Ops.Page after = nfs.readdir(d, cookies.get(10), 100_000);
        assertThat(after.names()).startsWith(seen.subList(11, seen.size()).toArray(String[]::new));
        assertThat(after.names()).contains("late");
        assertThat(nfs.readdirRes(d, 0, 120).status()).isEqualTo(Nfs3Status.NFS3ERR_TOOSMALL);
        assertThat(nfs.readdirRes(d, 1L << 40, 4096).status()).isEqualTo(Nfs3Status.NFS3ERR_BAD_COOKIE);
        byte[] empty = nfs.mkdir(h.root, "empty");
        Nfs3Ops.Page e = nfs.readdir(empty, 0, 4096);
        assertThat(e.names()).containsExactly(".", "..");
        assertThat(e.eof()).isTrue();
        Nfs3Ops.Page tail = nfs.readdir(empty, 2, 4096);
        assertThat(tail.names()).isEmpty();
        assertThat(tail.eof()).isTrue();
    }

    @Test
    void removeRenameRmdir_statuses() throws Exception {
        byte[] d = nfs.mkdir(h.root, "dir");
        nfs.create(d, "inner");
        assertThat(nfs.removeRes(h.root, "dir").status()).isEqualTo(Nfs3Status.NFS3ERR_ISDIR);
        assertThat(nfs.removeRes(h.root, "nothing").status()).isEqualTo(Nfs3Status.NFS3ERR_NOENT);
        assertThat(nfs.call(13, Nfs3Ops.dirop(h.root, "dir")).status()).isEqualTo(Nfs3Status.NFS3ERR_NOTEMPTY);
        nfs.create(h.root, "a");
        assertThat(nfs.renameRes(h.root, "a", d, "b").status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(nfs.lookupRes(h.root, "a").status()).isEqualTo(Nfs3Status.NFS3ERR_NOENT);
        nfs.lookup(d, "b");
        assertThat(nfs.renameRes(d, "b", d, "b").status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(nfs.renameRes(h.root, "dir", d, "sub").status()).isEqualTo(Nfs3Status.NFS3ERR_INVAL);
        assertThat(nfs.call(11, w -> {
                            Nfs3Ops.dirop(h.root, "fifo").encode(w);
                            w.writeInt(7);
                            io.interlock.server.nfs.v3.Nfs3Xdr.writeSattr3(w, SetAttributes.NONE);
                        })
                        .status())
                .isEqualTo(Nfs3Status.NFS3ERR_NOTSUPP);
    }

    @Test
    void rename_eitherDirectoryIsAFile_notdirWithBothWccBlocks() throws Exception {
        byte[] file = nfs.create(h.root, "plain");
        nfs.create(h.root, "a");
        // RFC 1813 §3.3.14: RENAME3resfail is {fromdir_wcc, todir_wcc}, whichever handle is wrong.
        for (boolean sourceIsFile : new boolean[] {true, false}) {
            Nfs3Ops.Res r =
                    sourceIsFile ? nfs.renameRes(file, "x", h.root, "y") : nfs.renameRes(h.root, "a", file, "y");
            assertThat(r.status()).as("source is file: %s", sourceIsFile).isEqualTo(Nfs3Status.NFS3ERR_NOTDIR);
            XdrReader b = r.body();
            Nfs3Ops.preOp(b); // fromdir_wcc.before
            Nfs3Ops.postOp(b); // fromdir_wcc.after
            Nfs3Ops.preOp(b); // todir_wcc.before
            Nfs3Ops.postOp(b); // todir_wcc.after
            assertThat(b.remaining()).as("source is file: %s", sourceIsFile).isZero();
        }
        nfs.lookup(h.root, "a");
    }

    @Test
    void symlinkAndLink_work() throws Exception {
        Nfs3Ops.Res s = nfs.call(10, w -> {
            Nfs3Ops.dirop(h.root, "ln").encode(w);
            io.interlock.server.nfs.v3.Nfs3Xdr.writeSattr3(w, SetAttributes.NONE);
            w.writeString("target/path");
        });
        assertThat(s.status()).isEqualTo(Nfs3Status.NFS3_OK);
        s.body().readBoolean();
        byte[] ln = s.body().readOpaque(64);
        Nfs3Ops.Res rl = nfs.call(5, w -> w.writeOpaque(ln));
        assertThat(rl.status()).isEqualTo(Nfs3Status.NFS3_OK);
        Nfs3Ops.postOp(rl.body());
        assertThat(rl.body().readString(4096)).isEqualTo("target/path");
        byte[] f = nfs.create(h.root, "orig");
        assertThat(nfs.call(15, w -> {
                            w.writeOpaque(f);
                            Nfs3Ops.dirop(h.root, "hard").encode(w);
                        })
                        .status())
                .isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(nfs.lookup(h.root, "hard")).isEqualTo(f);
    }

    @Test
    void fsinfo_advertisesSaneSizes() throws Exception {
        Nfs3Ops.Res r = nfs.call(19, w -> w.writeOpaque(h.root));
        assertThat(r.status()).isEqualTo(Nfs3Status.NFS3_OK);
        XdrReader b = r.body();
        Nfs3Ops.postOp(b);
        int rtmax = b.readInt();
        int rtpref = b.readInt();
        b.readInt();
        int wtmax = b.readInt();
        int wtpref = b.readInt();
        b.readInt();
        int dtpref = b.readInt();
        assertThat(rtpref).isBetween(64 * 1024, 1024 * 1024).isLessThanOrEqualTo(rtmax);
        assertThat(wtpref).isBetween(64 * 1024, 1024 * 1024).isLessThanOrEqualTo(wtmax);
        assertThat(dtpref).isPositive();
        b.readLong();
        b.readLong();
        assertThat(b.readInt() & 0x1b).isEqualTo(0x1b);
        Nfs3Ops.Res pc = nfs.call(20, w -> w.writeOpaque(h.root));
        Nfs3Ops.postOp(pc.body());
        pc.body().readInt();
        assertThat(pc.body().readInt()).isEqualTo(255);
    }

    @Test
    void everyProcedure_answersWithoutRpcError() throws Exception {
        byte[] f = nfs.create(h.root, "all");
        for (int proc = 0; proc <= 21; proc++) {
            int p = proc;
            RpcReplyView v = h.call(100003, 3, p, w -> {
                w.writeOpaque(f);
                for (int i = 0; i < 16; i++) {
                    w.writeInt(0);
                }
            });
            assertThat(v.replyStat()).as("proc %d", p).isEqualTo(Rpc.MSG_ACCEPTED);
            assertThat(v.acceptStat()).as("proc %d", p).isIn(Rpc.SUCCESS, Rpc.GARBAGE_ARGS);
        }
        assertThat(new String("ok".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo("ok");
    }
    // ---- hostile input (issue 10) ----

    private Nfs3Ops.Res writeWithCount(byte[] fh, long count, byte[] data) throws Exception {
        return nfs.call(7, w -> {
            w.writeOpaque(fh);
            w.writeLong(0);
            w.writeUnsignedInt(count);
            w.writeInt(0);
            w.writeOpaque(data);
        });
    }

    @Test
    void write_countDisagreesWithDataLength_inval_fileUnchanged() throws Exception {
        byte[] fh = nfs.create(h.root, "mismatch");
        for (long count : new long[] {10, 2, 0xFFFFFFFFL}) {
            Nfs3Ops.Res w = writeWithCount(fh, count, new byte[] {1, 2, 3, 4, 5});
            assertThat(w.status()).as("count %d, 5 data bytes", count).isEqualTo(Nfs3Status.NFS3ERR_INVAL);
        }
        assertThat(nfs.getattr(fh).size()).isZero();
    }

    @Test
    void write_oneByteAtOffset600M_isAnsweredAndCostsNoMemoryForTheHole() throws Exception {
        byte[] fh = nfs.create(h.root, "sparse");
        long freeBefore = h.fs.stats().freeBytes();
        Nfs3Ops.Res w = nfs.writeRes(fh, 600_000_000L, new byte[] {42}, 0);
        assertThat(w.status()).isEqualTo(Nfs3Status.NFS3_OK);
        Nfs3Ops.Fattr a = nfs.getattr(fh);
        assertThat(a.size()).isEqualTo(600_000_001L);
        assertThat(freeBefore - h.fs.stats().freeBytes())
                .as("bytes the store spent on the file")
                .isLessThanOrEqualTo(128 * 1024);
        assertThat(nfs.read(fh, 600_000_000L, 10).data()).containsExactly(42);
        assertThat(nfs.read(fh, 300_000_000L, 4).data()).containsExactly(0, 0, 0, 0);
    }
}
