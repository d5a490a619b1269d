package io.interlock.server.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.nfs.v3.message.CommitArgs;
import io.interlock.server.nfs.v3.message.CommitRes;
import io.interlock.server.nfs.v3.message.ReadArgs;
import io.interlock.server.nfs.v3.message.ReadRes;
import io.interlock.server.nfs.v3.message.ReaddirArgs;
import io.interlock.server.nfs.v3.message.ReaddirRes;
import io.interlock.server.nfs.v3.message.ReaddirplusArgs;
import io.interlock.server.nfs.v3.message.ReaddirplusRes;
import io.interlock.server.nfs.v3.message.WriteArgs;
import io.interlock.server.nfs.v3.message.WriteRes;
import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrWriter;
import io.interlock.server.runtime.BreakPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Catalog lines R-NFS-6, R-NFS-7 and R-NFS-10, checked through the message records. */
class Nfs3ConformanceTest {
    private final Nfs3Harness h = new Nfs3Harness(BreakPolicy.WAIT);
    private final Nfs3Ops nfs = h.ops;

    @AfterEach
    void tearDown() {
        h.close();
    }

    private RpcReplyView call(int proc, XdrEncodable args) {
        RpcReplyView v = h.call(100003, 3, proc, args);
        assertThat(v.success()).isTrue();
        return v;
    }

    private static int size(XdrEncodable e) {
        XdrWriter w = new XdrWriter();
        e.encode(w);
        return w.size();
    }

    private byte[] dirWith(int n) throws Exception {
        byte[] d = nfs.mkdir(h.root, "d" + n);
        for (int i = 0; i < n; i++) {
            nfs.create(d, "name-" + i + "-" + "x".repeat(i % 17));
        }
        return d;
    }

    private ReaddirplusRes plus(byte[] dir, long cookie, int dircount, int maxcount) {
        return ReaddirplusRes.decode(call(17, new ReaddirplusArgs(dir, cookie, new byte[8], dircount, maxcount)::encode)
                .results());
    }

    @Test
    void readdirplus_chain_honoursDircountAndMaxcount_andAlwaysProgresses() throws Exception {
        byte[] d = dirWith(50);
        int dircount = 300;
        int maxcount = 1200;
        Set<String> seen = new HashSet<>();
        long cookie = 0;
        int replies = 0;
        while (true) {
            ReaddirplusRes r = plus(d, cookie, dircount, maxcount);
            assertThat(r.status()).isEqualTo(Nfs3Status.NFS3_OK);
            assertThat(size(r)).as("whole reply within maxcount").isLessThanOrEqualTo(maxcount);
            int dirBytes = r.entries().stream()
                    .mapToInt(ReaddirplusRes.Entryplus3::dirSize)
                    .sum();
            assertThat(dirBytes).as("fileid+name+cookie within dircount").isLessThanOrEqualTo(dircount);
            assertThat(!r.entries().isEmpty() || r.eof()).as("progress or eof").isTrue();
            for (ReaddirplusRes.Entryplus3 e : r.entries()) {
                assertThat(seen.add(e.name())).as("listed once: %s", e.name()).isTrue();
                assertThat(e.nameHandle()).isInstanceOf(io.interlock.server.nfs.v3.xdr.PostOpFh3.Present.class);
            }
            replies++;
            if (r.eof()) {
                break;
            }
            cookie = r.entries().get(r.entries().size() - 1).cookie();
            assertThat(replies).isLessThan(100);
        }
        assertThat(seen).hasSize(52).contains(".", "..");
        assertThat(replies).isGreaterThan(3);
    }

    @Test
    void readdirplus_budgetTooSmallForOneEntry_isTooSmall() throws Exception {
        byte[] d = dirWith(3);
        assertThat(plus(d, 0, 8192, 150).status()).as("maxcount").isEqualTo(Nfs3Status.NFS3ERR_TOOSMALL);
        assertThat(plus(d, 0, 10, 8192).status()).as("dircount").isEqualTo(Nfs3Status.NFS3ERR_TOOSMALL);
        ReaddirplusRes ok = plus(d, 0, 8192, 8192);
        assertThat(ok.entries()).hasSize(3 + 2);
        assertThat(ok.eof()).isTrue();
        byte[] empty = nfs.mkdir(h.root, "empty");
        assertThat(plus(empty, 0, 0, 200).status())
                .as("an empty directory still lists \".\" and \"..\", which need room")
                .isEqualTo(Nfs3Status.NFS3ERR_TOOSMALL);
        ReaddirplusRes e = plus(empty, 0, 0, 8192);
        assertThat(e.status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(e.entries()).extracting(ReaddirplusRes.Entryplus3::name).containsExactly(".", "..");
        assertThat(e.eof()).isTrue();
        // "." is the directory itself, ".." its parent (the export root), handles and attributes alike
        ReaddirplusRes.Entryplus3 dot = e.entries().get(0);
        ReaddirplusRes.Entryplus3 dotdot = e.entries().get(1);
        assertThat(dot.cookie()).isEqualTo(1);
        assertThat(dotdot.cookie()).isEqualTo(2);
        assertThat(((io.interlock.server.nfs.v3.xdr.PostOpFh3.Present) dot.nameHandle()).handle())
                .isEqualTo(empty);
        assertThat(((io.interlock.server.nfs.v3.xdr.PostOpFh3.Present) dotdot.nameHandle()).handle())
                .isEqualTo(h.root);
        assertThat(dot.fileid()).isEqualTo(nfs.getattr(empty).fileid());
        assertThat(dotdot.fileid()).isEqualTo(nfs.getattr(h.root).fileid());
        assertThat(((io.interlock.server.nfs.v3.xdr.PostOpAttr.Present) dotdot.nameAttributes())
                        .attributes()
                        .fileid())
                .isEqualTo(nfs.getattr(h.root).fileid());
    }

    @Test
    void readdir_everyReply_fitsCount() throws Exception {
        byte[] d = dirWith(40);
        List<String> seen = new ArrayList<>();
        long cookie = 0;
        for (int i = 0; i < 100; i++) {
            ReaddirRes r = ReaddirRes.decode(call(16, new ReaddirArgs(d, cookie, new byte[8], 256)::encode)
                    .results());
            assertThat(r.status()).isEqualTo(Nfs3Status.NFS3_OK);
            assertThat(size(r)).isLessThanOrEqualTo(256);
            assertThat(!r.entries().isEmpty() || r.eof()).isTrue();
            r.entries().forEach(e -> seen.add(e.name()));
            if (r.eof()) {
                break;
            }
            cookie = r.entries().get(r.entries().size() - 1).cookie();
        }
        assertThat(seen).hasSize(42).doesNotHaveDuplicates().startsWith(".", "..");
        ReaddirRes tiny = ReaddirRes.decode(
                call(16, new ReaddirArgs(d, 0, new byte[8], 130)::encode).results());
        assertThat(tiny.status()).isEqualTo(Nfs3Status.NFS3ERR_TOOSMALL);
        assertThat(tiny.dirAttributes()).isInstanceOf(io.interlock.server.nfs.v3.xdr.PostOpAttr.Present.class);
    }

    @Test
    void write_offsetPlusCountPastMaxFileSize_isFbig_andChangesNothing() throws Exception {
        byte[] f = nfs.create(h.root, "big");
        byte[] ten = new byte[10];
        WriteRes at2pow63 = WriteRes.decode(
                call(7, WriteArgs.of(f, Long.MIN_VALUE, 2, ten)::encode).results());
        assertThat(at2pow63.status()).isEqualTo(Nfs3Status.NFS3ERR_FBIG);
        assertThat(at2pow63.fileWcc().after()).isInstanceOf(io.interlock.server.nfs.v3.xdr.PostOpAttr.Present.class);
        WriteRes overflow = WriteRes.decode(
                call(7, WriteArgs.of(f, Long.MAX_VALUE - 5, 2, ten)::encode).results());
        assertThat(overflow.status()).isEqualTo(Nfs3Status.NFS3ERR_FBIG);
        WriteRes maxUnsigned =
                WriteRes.decode(call(7, WriteArgs.of(f, -1L, 0, ten)::encode).results());
        assertThat(maxUnsigned.status()).isEqualTo(Nfs3Status.NFS3ERR_FBIG);
        assertThat(nfs.getattr(f).size()).isZero();
    }

    @Test
    void read_pastTwoToThe63_isEmptyEof_andVerifierIsSharedByWriteAndCommit() throws Exception {
        byte[] f = nfs.create(h.root, "v");
        WriteRes w = WriteRes.decode(
                call(7, WriteArgs.of(f, 0, 0, new byte[] {1, 2})::encode).results());
        assertThat(w.status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(w.committed()).isGreaterThanOrEqualTo(WriteArgs.UNSTABLE);
        CommitRes c = CommitRes.decode(call(21, new CommitArgs(f, 0, 0)::encode).results());
        assertThat(c.verf()).isEqualTo(w.verf());
        ReadRes r = ReadRes.decode(
                call(6, new ReadArgs(f, Long.MIN_VALUE, 100)::encode).results());
        assertThat(r.status()).isEqualTo(Nfs3Status.NFS3_OK);
        assertThat(r.data()).isEmpty();
        assertThat(r.eof()).isTrue();
        ReadRes all = ReadRes.decode(call(6, new ReadArgs(f, 0, 2)::encode).results());
        assertThat(all.eof()).as("offset + returned == size").isTrue();
    }
}
