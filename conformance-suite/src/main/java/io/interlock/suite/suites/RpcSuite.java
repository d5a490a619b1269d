package io.interlock.suite.suites;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interlock.scenarios.clients.nfs.Nfs3Status;
import io.interlock.scenarios.clients.nfs.wire.Nfs3ReadRes;
import io.interlock.scenarios.clients.nfs.wire.Nfs3WriteRes;
import io.interlock.scenarios.clients.rpc.XdrOut;
import io.interlock.suite.Requirement;
import io.interlock.suite.SuiteContext;
import io.interlock.suite.SuiteExtension;
import io.interlock.suite.nfs.Nfs3Raw;
import io.interlock.suite.rpc.RpcProbe;
import io.interlock.suite.rpc.RpcProbe.Cred;
import io.interlock.suite.rpc.RpcReply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ONC RPC (RFC 5531) as the target's NFS service speaks it, over raw sockets: record marking,
 * xids, rejections, credentials (catalog nfs3-nlm-crossproto.md §1, R-RPC-1..7).
 */
@ExtendWith(SuiteExtension.class)
public final class RpcSuite {
    private static final int NFS = Nfs3Raw.NFS;

    private static byte[] fhArgs(byte[] fh) {
        return new XdrOut().opaque(fh).bytes();
    }

    @Test
    @Requirement("R-RPC-1")
    void call_threePipelinedOnOneConnection_eachReplyEchoesItsXid(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            RpcProbe p = n.probe();
            Set<Integer> sent = new HashSet<>();
            List<byte[]> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int xid = p.nextXid();
                sent.add(xid);
                boolean getattr = i == 1;
                calls.add(RpcProbe.callMessage(
                        xid,
                        2,
                        NFS,
                        3,
                        getattr ? Nfs3Raw.GETATTR : Nfs3Raw.NULL,
                        Cred.sys(),
                        getattr ? fhArgs(n.root()) : new byte[0]));
            }
            // three records in one write, before any reply is read
            p.sendRecords(calls);
            Set<Integer> got = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                RpcReply r = p.readReply();
                assertTrue(r.success(), "pipelined call answered " + r);
                got.add(r.xid());
            }
            ctx.note("xids", "sent " + sent + ", answered " + got);
            assertEquals(sent, got, "the replies echo exactly the xids of the calls");
        }
    }

    @Test
    @Requirement({"R-RPC-2"})
    void write_twoMibRecordInTwoFragments_isReassembledAndStored(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] fh = n.newFile(ctx.name("big"));
            byte[] data = new byte[2 << 20];
            new Random(7).nextBytes(data);
            RpcProbe p = n.probe();
            int xid = p.nextXid();
            byte[] call = RpcProbe.callMessage(
                    xid, 2, NFS, 3, Nfs3Raw.WRITE, Cred.sys(), Nfs3Raw.writeArgs(fh, 0, data, Nfs3Raw.FILE_SYNC));
            // as nfs-client-java does: the RPC and WRITE header as one fragment, the 2 MiB payload
            // (plus its XDR padding) as the last, larger than 1 MiB
            int headerLen = call.length - data.length;
            List<byte[]> frags = List.of(
                    java.util.Arrays.copyOfRange(call, 0, headerLen),
                    java.util.Arrays.copyOfRange(call, headerLen, call.length));
            ctx.note(
                    "send",
                    "WRITE of 2 MiB as fragments of " + frags.get(0).length + " and " + frags.get(1).length + " bytes");
            p.sendFragments(frags);
            RpcReply r = p.readReply();
            assertEquals(xid, r.xid());
            assertTrue(r.success(), "the two-fragment WRITE was answered " + r);
            Nfs3WriteRes w = Nfs3WriteRes.decode(r.results());
            assertEquals(0, w.status(), "WRITE status " + Nfs3Status.nameOf(w.status()));
            assertTrue(w.count() > 0 && w.count() <= data.length, "WRITE count " + w.count());
            Nfs3ReadRes back = n.read(fh, 0, Math.min(w.count(), 65536));
            assertArrayEquals(java.util.Arrays.copyOf(data, back.count()), back.data(), "the bytes read back");
        }
    }

    @Test
    @Requirement("R-RPC-3")
    void call_rpcVersion3_deniedRpcMismatch2to2AndConnectionKept(SuiteContext ctx) throws Exception {
        try (RpcProbe p = ctx.rpc("A", ctx.nfsAddress())) {
            int xid = p.nextXid();
            p.send(RpcProbe.callMessage(xid, 3, NFS, 3, Nfs3Raw.NULL, Cred.none(), new byte[0]));
            RpcReply r;
            try {
                r = p.readReply();
            } catch (java.io.EOFException e) {
                throw new org.opentest4j.AssertionFailedError(
                        "the server closed the connection without answering rpcvers 3 (RFC 5531 §9 requires"
                                + " MSG_DENIED/RPC_MISMATCH)");
            }
            ctx.note("rpcvers 3", r.toString());
            assertEquals(xid, r.xid());
            assertEquals(RpcReply.MSG_DENIED, r.replyStat(), "reply_stat for rpcvers 3: " + r);
            assertEquals(RpcReply.RPC_MISMATCH, r.rejectStat(), "reject_stat: " + r);
            assertEquals(2, r.low(), "RPC_MISMATCH low");
            assertEquals(2, r.high(), "RPC_MISMATCH high");
            RpcReply again = p.call(NFS, 3, Nfs3Raw.NULL, Cred.none(), new byte[0]);
            assertTrue(again.success(), "the connection still serves calls after the mismatch: " + again);
        }
    }

    @Test
    @Requirement("R-RPC-4")
    void call_unknownProgram_progUnavail(SuiteContext ctx) throws Exception {
        try (RpcProbe p = ctx.rpc("A", ctx.nfsAddress())) {
            RpcReply r = p.call(0x20001234, 1, 0, Cred.none(), new byte[0]);
            assertEquals(RpcReply.MSG_ACCEPTED, r.replyStat(), r.toString());
            assertEquals(RpcReply.PROG_UNAVAIL, r.acceptStat(), "unknown program: " + r);
        }
    }

    @Test
    @Requirement("R-RPC-4")
    void call_unknownNfsVersion_progMismatchNamingServedVersions(SuiteContext ctx) throws Exception {
        try (RpcProbe p = ctx.rpc("A", ctx.nfsAddress())) {
            RpcReply r = p.call(NFS, 7, 0, Cred.none(), new byte[0]);
            assertEquals(RpcReply.PROG_MISMATCH, r.acceptStat(), "NFS version 7: " + r);
            assertTrue(r.low() <= 3 && 3 <= r.high(), "the versions served include 3: " + r);
            assertTrue(r.high() < 7, "version 7 is outside the range served: " + r);
            RpcReply v3 = p.call(NFS, 3, 0, Cred.none(), new byte[0]);
            assertTrue(v3.success(), "NULL of the served version 3: " + v3);
        }
    }

    @Test
    @Requirement("R-RPC-4")
    void call_unknownProcedure_procUnavail(SuiteContext ctx) throws Exception {
        try (RpcProbe p = ctx.rpc("A", ctx.nfsAddress())) {
            RpcReply r = p.call(NFS, 3, 99, Cred.sys(), new byte[0]);
            assertEquals(RpcReply.PROC_UNAVAIL, r.acceptStat(), "NFS procedure 99: " + r);
        }
    }

    @Test
    @Requirement("R-RPC-4")
    void getattr_truncatedArguments_garbageArgs(SuiteContext ctx) throws Exception {
        try (RpcProbe p = ctx.rpc("A", ctx.nfsAddress())) {
            RpcReply r = p.call(NFS, 3, Nfs3Raw.GETATTR, Cred.sys(), new byte[] {0, 0});
            assertEquals(RpcReply.GARBAGE_ARGS, r.acceptStat(), "GETATTR with 2 bytes of arguments: " + r);
        }
    }

    @Test
    @Requirement("R-RPC-4")
    void getattr_fileHandleOf65Bytes_garbageArgs(SuiteContext ctx) throws Exception {
        try (RpcProbe p = ctx.rpc("A", ctx.nfsAddress())) {
            RpcReply r = p.call(NFS, 3, Nfs3Raw.GETATTR, Cred.sys(), fhArgs(new byte[65]));
            assertEquals(RpcReply.GARBAGE_ARGS, r.acceptStat(), "nfs_fh3 of 65 bytes (NFS3_FHSIZE is 64): " + r);
        }
    }

    @Test
    @Requirement("R-RPC-5")
    void call_authSysWith17Gids_authBadcred(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            RpcReply r = n.probe().call(NFS, 3, Nfs3Raw.GETATTR, Cred.sysWithGids(17), fhArgs(n.root()));
            assertEquals(RpcReply.MSG_DENIED, r.replyStat(), "AUTH_SYS with 17 gids: " + r);
            assertEquals(RpcReply.AUTH_ERROR, r.rejectStat(), r.toString());
            assertEquals(RpcReply.AUTH_BADCRED, r.authStat(), "auth_stat: " + r);
        }
    }

    @Test
    @Requirement("R-RPC-5")
    void call_authSysBodyTooShort_authBadcred(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            RpcReply r =
                    n.probe().call(NFS, 3, Nfs3Raw.GETATTR, new Cred(1, new byte[] {0, 0, 0, 1}), fhArgs(n.root()));
            assertEquals(RpcReply.MSG_DENIED, r.replyStat(), "AUTH_SYS body of 4 bytes: " + r);
            assertEquals(RpcReply.AUTH_ERROR, r.rejectStat(), r.toString());
            assertEquals(RpcReply.AUTH_BADCRED, r.authStat(), "auth_stat: " + r);
        }
    }

    @Test
    @Requirement("R-RPC-5")
    void call_unknownAuthFlavor_authBadcredOrRejectedcred(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            RpcReply r = n.probe().call(NFS, 3, Nfs3Raw.GETATTR, new Cred(99, new byte[8]), fhArgs(n.root()));
            assertEquals(RpcReply.MSG_DENIED, r.replyStat(), "flavor 99: " + r);
            assertEquals(RpcReply.AUTH_ERROR, r.rejectStat(), r.toString());
            assertTrue(
                    r.authStat() == RpcReply.AUTH_BADCRED || r.authStat() == RpcReply.AUTH_REJECTEDCRED,
                    "auth_stat BADCRED or REJECTEDCRED: " + r);
        }
    }

    @Test
    @Requirement("R-RPC-5")
    void getattr_authNone_servedOrTooWeak(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            RpcReply r = n.probe().call(NFS, 3, Nfs3Raw.GETATTR, Cred.none(), fhArgs(n.root()));
            ctx.note("AUTH_NONE", r.toString());
            // an export that accepts AUTH_NONE serves it; one that is sys-only must say AUTH_TOOWEAK
            boolean served = r.success();
            boolean tooWeak = r.replyStat() == RpcReply.MSG_DENIED
                    && r.rejectStat() == RpcReply.AUTH_ERROR
                    && r.authStat() == RpcReply.AUTH_TOOWEAK;
            assertTrue(served || tooWeak, "GETATTR with AUTH_NONE: served or AUTH_TOOWEAK, got " + r);
        }
    }

    @Test
    @Requirement("R-RPC-6")
    void getattr_trailingBytesAfterArguments_succeeds(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            byte[] args = new XdrOut()
                    .opaque(n.root())
                    .int32(0x41424344)
                    .int32(0x45464748)
                    .bytes();
            RpcReply r = n.probe().call(NFS, 3, Nfs3Raw.GETATTR, Cred.sys(), args);
            assertTrue(r.success(), "GETATTR with 8 trailing bytes: " + r);
            assertEquals(0, r.results().int32(), "GETATTR status");
        }
    }

    @Test
    @Requirement("R-RPC-7")
    void call_sameXidTwiceOnOneConnection_bothAnswered(SuiteContext ctx) throws Exception {
        try (Nfs3Raw n = ctx.nfsRaw("A")) {
            RpcProbe p = n.probe();
            int xid = p.nextXid();
            byte[] call = RpcProbe.callMessage(xid, 2, NFS, 3, Nfs3Raw.GETATTR, Cred.sys(), fhArgs(n.root()));
            p.send(call);
            p.send(call);
            RpcReply first = p.readReply();
            RpcReply second = p.readReply();
            assertEquals(xid, first.xid());
            assertEquals(xid, second.xid());
            assertTrue(first.success() && second.success(), "both replies: " + first + ", " + second);
            assertEquals(0, first.results().int32(), "first GETATTR status");
            assertEquals(0, second.results().int32(), "second GETATTR status");
        }
    }
}
