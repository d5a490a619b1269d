package io.interlock.server.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.nfs.portmap.PortmapMapping;
import io.interlock.server.nfs.portmap.PortmapProgram;
import io.interlock.server.nfs.portmap.Rpcb;
import io.interlock.server.nfs.v3.Nfs3Status;
import io.interlock.server.rpc.Rpc;
import io.interlock.server.rpc.RpcClient;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import io.interlock.server.runtime.PortmapMode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hand-made RPC records against the real server on ephemeral ports (own portmapper bound on an
 * ephemeral port): malformed input gets the right RPC answer or a closed connection, and other
 * connections keep working (spec R-RPC-1..7, R-PMAP-1/2).
 */
class NfsRawSocketIT {
    private static final RpcCredential ROOT = new RpcCredential.Sys(1, "raw", 0, 0, List.of());
    private static NfsTestServers servers;
    private static byte[] root;

    @BeforeAll
    static void start() throws Exception {
        servers = new NfsTestServers(PortmapMode.BIND, 0);
        try (RpcClient c = client(servers.endpoints.mount())) {
            RpcReplyView v = c.call(100005, 3, 1, ROOT, w -> w.writeString("/share"));
            assertThat(v.results().readInt()).isZero();
            root = v.results().readOpaque(64);
        }
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static RpcClient client(InetSocketAddress a) throws Exception {
        return new RpcClient(a, Duration.ofSeconds(10));
    }

    private static byte[] header(int xid, int rpcvers, int prog, int vers, int proc) {
        XdrWriter w = new XdrWriter();
        w.writeInt(xid)
                .writeInt(Rpc.CALL)
                .writeInt(rpcvers)
                .writeInt(prog)
                .writeInt(vers)
                .writeInt(proc);
        w.writeInt(0).writeInt(0).writeInt(0).writeInt(0); // AUTH_NONE cred and verf
        return w.toByteArray();
    }

    private static void assertStillServes() throws Exception {
        try (RpcClient c = client(servers.endpoints.nfs())) {
            RpcReplyView v = c.call(100003, 3, 1, ROOT, w -> w.writeOpaque(root));
            assertThat(v.success()).isTrue();
            assertThat(v.results().readInt()).isZero();
        }
    }

    @Test
    void rpcLevelRejections_getTheRightAnswers_onOneConnection() throws Exception {
        try (RpcClient c = client(servers.endpoints.nfs())) {
            c.sendRecord(header(1, 3, 100003, 3, 0));
            RpcReplyView v = RpcReplyView.decode(c.readRecord());
            assertThat(v.xid()).isEqualTo(1);
            assertThat(v.rejectStat()).isEqualTo(Rpc.RPC_MISMATCH);
            assertThat(v.low()).isEqualTo(2);
            assertThat(v.high()).isEqualTo(2);

            assertThat(c.call(123456, 1, 0, ROOT, w -> {}).acceptStat()).isEqualTo(Rpc.PROG_UNAVAIL);
            RpcReplyView mismatch = c.call(100003, 7, 0, ROOT, w -> {});
            assertThat(mismatch.acceptStat()).isEqualTo(Rpc.PROG_MISMATCH);
            assertThat(List.of(mismatch.low(), mismatch.high())).containsExactly(3, 3);
            assertThat(c.call(100003, 3, 99, ROOT, w -> {}).acceptStat()).isEqualTo(Rpc.PROC_UNAVAIL);
            assertThat(c.call(100003, 3, 1, ROOT, w -> w.writeInt(0x0102)).acceptStat())
                    .isEqualTo(Rpc.GARBAGE_ARGS);
            assertThat(c.call(100003, 3, 1, ROOT, w -> w.writeOpaque(new byte[65]))
                            .acceptStat())
                    .as("fh of 65 bytes")
                    .isEqualTo(Rpc.GARBAGE_ARGS);
            assertThat(c.call(100003, 3, 7, ROOT, w -> {
                                w.writeOpaque(root).writeLong(0).writeInt(10).writeInt(0);
                                w.writeInt(0x7FFFFFF0); // huge opaque length, no data
                            })
                            .acceptStat())
                    .isEqualTo(Rpc.GARBAGE_ARGS);
            RpcCredential many = new RpcCredential.Sys(1, "m", 0, 0, java.util.Collections.nCopies(17, 5));
            RpcReplyView badcred = c.call(100003, 3, 0, many, w -> {});
            assertThat(badcred.rejectStat()).isEqualTo(Rpc.AUTH_ERROR);
            assertThat(badcred.authStat()).isEqualTo(Rpc.AUTH_BADCRED);
            assertThat(c.call(100003, 3, 1, RpcCredential.None.INSTANCE, w -> w.writeOpaque(root))
                            .authStat())
                    .isEqualTo(Rpc.AUTH_TOOWEAK);
            // trailing bytes after valid arguments are ignored (R-RPC-6)
            RpcReplyView trailing =
                    c.call(100003, 3, 1, ROOT, w -> w.writeOpaque(root).writeInt(0xDEAD));
            assertThat(trailing.success()).isTrue();
            assertThat(trailing.results().readInt()).isZero();
        }
        assertStillServes();
    }

    @Test
    void duplicateXid_bothAnswered_andTwoFragment2MiBWrite_isReassembled() throws Exception {
        try (RpcClient c = client(servers.endpoints.nfs())) {
            byte[] call = RpcClient.encodeCall(777, 100003, 3, 0, ROOT, w -> {});
            c.sendRecord(call);
            c.sendRecord(call);
            assertThat(RpcReplyView.decode(c.readRecord()).xid()).isEqualTo(777);
            assertThat(RpcReplyView.decode(c.readRecord()).xid()).isEqualTo(777);

            RpcReplyView cr = c.call(100003, 3, 8, ROOT, w -> {
                w.writeOpaque(root).writeString("two-frag").writeInt(0);
                io.interlock.server.nfs.v3.Nfs3Xdr.writeSattr3(w, io.interlock.server.core.vfs.SetAttributes.NONE);
            });
            assertThat(cr.results().readInt()).isZero();
            cr.results().readBoolean();
            byte[] fh = cr.results().readOpaque(64);
            byte[] data = new byte[2 * 1024 * 1024];
            new Random(2).nextBytes(data);
            XdrWriter args = new XdrWriter(data.length + 200);
            args.writeOpaque(fh).writeLong(0).writeInt(data.length).writeInt(2);
            args.writeInt(data.length);
            byte[] head = RpcClient.encodeCall(900, 100003, 3, 7, ROOT, w -> w.writeFixedOpaque(args.toByteArray()));
            // fragment 1: the RPC header + WRITE header (not last); fragment 2: the 2 MiB payload (last)
            c.sendRaw(frame(head, false));
            c.sendRaw(frame(data, true));
            RpcReplyView w = RpcReplyView.decode(c.readRecord());
            assertThat(w.xid()).isEqualTo(900);
            XdrReader r = w.results();
            assertThat(r.readInt()).isEqualTo(Nfs3Status.NFS3_OK.code());
            Nfs3Ops.preOp(r);
            assertThat(Nfs3Ops.postOp(r).size()).isEqualTo(data.length);
            assertThat(r.readInt()).isEqualTo(data.length);
        }
    }

    @Test
    void pipelinedCalls_allAnswered_byXid() throws Exception {
        try (RpcClient c = client(servers.endpoints.nfs())) {
            for (int i = 0; i < 50; i++) {
                c.sendRecord(RpcClient.encodeCall(5000 + i, 100003, 3, 1, ROOT, w -> w.writeOpaque(root)));
            }
            Set<Integer> xids = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                xids.add(RpcReplyView.decode(c.readRecord()).xid());
            }
            assertThat(xids).hasSize(50);
        }
    }

    @Test
    void malformedRecords_closeOrAnswer_andOtherConnectionsKeepWorking() throws Exception {
        try (RpcClient c = client(servers.endpoints.nfs())) {
            // a record cut short: header says 100 bytes, 8 arrive, then the client goes away
            byte[] partial = new byte[12];
            partial[0] = (byte) 0x80;
            partial[3] = 100;
            c.sendRaw(partial);
        }
        try (RpcClient c = client(servers.endpoints.nfs())) {
            // a fragment over the record cap closes the connection without allocating it
            c.sendRaw(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0});
            assertThat(c.closedByPeer()).isTrue();
        }
        try (RpcClient c = client(servers.endpoints.nfs())) {
            // a truncated call header (xid + CALL + rpcvers only) → GARBAGE_ARGS or BADCRED, never silence
            XdrWriter w =
                    new XdrWriter().writeInt(31).writeInt(Rpc.CALL).writeInt(2).writeInt(100003);
            c.sendRecord(w.toByteArray());
            RpcReplyView v = RpcReplyView.decode(c.readRecord());
            assertThat(v.xid()).isEqualTo(31);
            assertThat(v.success()).isFalse();
            // the same connection still serves
            assertThat(c.call(100003, 3, 0, ROOT, x -> {}).success()).isTrue();
        }
        assertStillServes();
    }

    @Test
    void portmapper_setUnsetGetportDump() throws Exception {
        InetSocketAddress pm = servers.endpoints.portmap();
        assertThat(NfsTestServers.getPort(pm, 100003, 3))
                .isEqualTo(servers.endpoints.nfs().getPort());
        assertThat(NfsTestServers.getPort(pm, 100005, 3))
                .isEqualTo(servers.endpoints.mount().getPort());
        assertThat(NfsTestServers.getPort(pm, 100003, 2)).isZero();
        try (RpcClient c = client(pm)) {
            PortmapMapping tcp = new PortmapMapping(400123, 1, 6, 1234);
            PortmapMapping udp = new PortmapMapping(400123, 1, 17, 1235);
            assertThat(set(c, 1, tcp)).isTrue();
            assertThat(set(c, 1, tcp)).isFalse();
            assertThat(set(c, 1, udp)).isTrue();
            List<PortmapMapping> dump = PortmapProgram.decodeDump(
                    c.call(100000, 2, 4, RpcCredential.None.INSTANCE, w -> {}).results());
            assertThat(dump).contains(tcp, udp).doesNotHaveDuplicates();
            assertThat(set(c, 2, new PortmapMapping(400123, 1, 6, 0))).isTrue();
            assertThat(NfsTestServers.getPort(pm, 400123, 1)).isZero();
            assertThat(c.call(100000, 2, 5, RpcCredential.None.INSTANCE, w -> {})
                            .acceptStat())
                    .isEqualTo(Rpc.PROC_UNAVAIL);
        }
    }

    @Test
    void rpcbindV3V4_getaddrGetversaddrSetUnsetDump_shareOneTableWithV2() throws Exception {
        InetSocketAddress pm = servers.endpoints.portmap();
        int nfsPort = servers.endpoints.nfs().getPort();
        String nfsUaddr = "127.0.0.1." + (nfsPort >> 8) + "." + (nfsPort & 0xFF);
        try (RpcClient c = client(pm)) {
            // a wildcard registration is answered on the address the question arrived at
            assertThat(getAddr(c, 3, 3, new Rpcb(100003, 3, "tcp", "", ""))).isEqualTo(nfsUaddr);
            assertThat(getAddr(c, 4, 3, new Rpcb(100003, 3, "tcp", "", ""))).isEqualTo(nfsUaddr);
            assertThat(getAddr(c, 4, 9, new Rpcb(100003, 3, "tcp", "", ""))).isEqualTo(nfsUaddr);
            assertThat(getAddr(c, 4, 9, new Rpcb(100003, 2, "tcp", "", "")))
                    .as("GETVERSADDR: exact version only")
                    .isEmpty();
            assertThat(getAddr(c, 4, 3, new Rpcb(100003, 3, "udp", "", ""))).isEmpty();
            assertThat(c.call(100000, 3, 9, RpcCredential.None.INSTANCE, new Rpcb(100003, 3, "tcp", "", "")::encode)
                            .acceptStat())
                    .as("GETVERSADDR is v4 only")
                    .isEqualTo(Rpc.PROC_UNAVAIL);

            Rpcb tcp = new Rpcb(400124, 2, "tcp", "127.0.0.1.4.210", "someone"); // port 1234
            Rpcb udp = new Rpcb(400124, 2, "udp", "127.0.0.1.4.211", "someone");
            assertThat(rpcbSet(c, 1, tcp)).isTrue();
            assertThat(rpcbSet(c, 1, tcp)).as("(prog, vers, netid) taken").isFalse();
            assertThat(rpcbSet(c, 1, udp)).isTrue();
            assertThat(rpcbSet(c, 1, new Rpcb(400124, 3, "tcp", "not-an-address", "x")))
                    .isFalse();
            assertThat(getAddr(c, 4, 9, tcp)).isEqualTo("127.0.0.1.4.210");
            assertThat(NfsTestServers.getPort(pm, 400124, 2))
                    .as("v2 sees the v3/v4 registration")
                    .isEqualTo(1234);
            List<Rpcb> dump = PortmapProgram.decodeRpcbDump(
                    c.call(100000, 4, 4, RpcCredential.None.INSTANCE, w -> {}).results());
            assertThat(dump).contains(tcp, udp).doesNotHaveDuplicates();
            assertThat(dump)
                    .anySatisfy(r -> assertThat(r)
                            .isEqualTo(new Rpcb(
                                    100000,
                                    4,
                                    "tcp",
                                    "0.0.0.0." + (pm.getPort() >> 8) + "." + (pm.getPort() & 0xFF),
                                    "superuser")))
                    .anySatisfy(r -> assertThat(r.program()).isEqualTo(100003));
            assertThat(rpcbSet(c, 2, new Rpcb(400124, 2, "udp", "", ""))).isTrue();
            assertThat(getAddr(c, 3, 3, udp)).isEmpty();
            assertThat(getAddr(c, 3, 3, tcp))
                    .as("UNSET of one netid keeps the other")
                    .isNotEmpty();
            assertThat(rpcbSet(c, 2, new Rpcb(400124, 2, "", "", ""))).isTrue();
            assertThat(getAddr(c, 3, 3, tcp)).isEmpty();
            assertThat(rpcbSet(c, 2, new Rpcb(400124, 2, "", "", ""))).isFalse();

            XdrReader time =
                    c.call(100000, 4, 6, RpcCredential.None.INSTANCE, w -> {}).results();
            long now = java.time.Instant.now().getEpochSecond();
            assertThat(time.readUnsignedInt()).isBetween(now - 60, now + 60);
            RpcReplyView v5 = c.call(100000, 5, 0, RpcCredential.None.INSTANCE, w -> {});
            assertThat(v5.acceptStat()).isEqualTo(Rpc.PROG_MISMATCH);
            assertThat(v5.low()).isEqualTo(2);
            assertThat(v5.high()).isEqualTo(4);
        }
        assertStillServes();
    }

    private static String getAddr(RpcClient c, int vers, int proc, Rpcb q) throws Exception {
        RpcReplyView v = c.call(100000, vers, proc, RpcCredential.None.INSTANCE, q::encode);
        assertThat(v.success()).as("rpcbind v%d proc %d", vers, proc).isTrue();
        return v.results().readString(1024);
    }

    private static boolean rpcbSet(RpcClient c, int proc, Rpcb r) throws Exception {
        return c.call(100000, 4, proc, RpcCredential.None.INSTANCE, r::encode)
                .results()
                .readBoolean();
    }

    @Test
    void portmapperOverUdp_getportDatagram_getsTheServingPort() throws Exception {
        InetSocketAddress pm = servers.endpoints.portmap();
        try (java.net.DatagramSocket udp = new java.net.DatagramSocket()) {
            udp.setSoTimeout(5000);
            for (int[] q : new int[][] {
                {100003, 3, servers.endpoints.nfs().getPort()},
                {100005, 3, servers.endpoints.mount().getPort()},
                {100003, 2, 0}
            }) {
                int xid = 0x5D00 + q[0] % 100 + q[1];
                byte[] call = RpcClient.encodeCall(
                        xid, 100000, 2, 3, RpcCredential.None.INSTANCE, new PortmapMapping(q[0], q[1], 6, 0)::encode);
                udp.send(new java.net.DatagramPacket(call, call.length, pm));
                java.net.DatagramPacket in = new java.net.DatagramPacket(new byte[512], 512);
                udp.receive(in);
                RpcReplyView v = RpcReplyView.decode(java.util.Arrays.copyOf(in.getData(), in.getLength()));
                assertThat(v.xid()).isEqualTo(xid);
                assertThat(v.success()).isTrue();
                assertThat(v.results().readInt())
                        .as("GETPORT(%d, %d) over UDP", q[0], q[1])
                        .isEqualTo(q[2]);
            }
        }
    }

    private static boolean set(RpcClient c, int proc, PortmapMapping m) throws Exception {
        return c.call(100000, 2, proc, RpcCredential.None.INSTANCE, m::encode)
                .results()
                .readBoolean();
    }

    private static byte[] frame(byte[] payload, boolean last) {
        byte[] f = new byte[4 + payload.length];
        int h = (last ? 0x80000000 : 0) | payload.length;
        f[0] = (byte) (h >>> 24);
        f[1] = (byte) (h >>> 16);
        f[2] = (byte) (h >>> 8);
        f[3] = (byte) h;
        System.arraycopy(payload, 0, f, 4, payload.length);
        return f;
    }
}
