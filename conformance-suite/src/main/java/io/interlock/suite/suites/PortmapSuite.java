package io.interlock.suite.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;
import io.interlock.suite.Requirement;
import io.interlock.suite.SuiteContext;
import io.interlock.suite.SuiteExtension;
import io.interlock.suite.rpc.RpcProbe;
import io.interlock.suite.rpc.RpcReply;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The target's portmapper (RFC 1833 §3, program 100000 v2; catalog nfs3-nlm-crossproto.md §1.5,
 * R-PMAP-1..4). Skipped where the target runs none. SET/UNSET use a throwaway program number in
 * the user-defined range and leave nothing behind.
 */
@ExtendWith(SuiteExtension.class)
public final class PortmapSuite {
    private static final int PMAP = 100000;
    private static final int SET = 1;
    private static final int UNSET = 2;
    private static final int GETPORT = 3;
    private static final int DUMP = 4;
    private static final int TCP = 6;
    private static final int UDP = 17;

    /** One mapping (RFC 1833 §3). */
    record Mapping(int prog, int vers, int prot, int port) {
        byte[] encode() {
            return new XdrOut().int32(prog).int32(vers).int32(prot).int32(port).bytes();
        }
    }

    private static RpcReply call(RpcProbe p, int proc, byte[] args) throws Exception {
        RpcReply r = p.call(PMAP, 2, proc, RpcProbe.Cred.none(), args);
        assertTrue(r.success(), "portmap procedure " + proc + ": " + r);
        return r;
    }

    private static int getport(RpcProbe p, int prog, int vers) throws Exception {
        return (int) call(p, GETPORT, new Mapping(prog, vers, TCP, 0).encode())
                .results()
                .uint32();
    }

    private static List<Mapping> dump(RpcProbe p) throws Exception {
        XdrIn in = call(p, DUMP, new byte[0]).results();
        List<Mapping> out = new ArrayList<>();
        while (in.bool()) {
            out.add(new Mapping(in.int32(), in.int32(), in.int32(), in.int32()));
        }
        return out;
    }

    private static int throwawayProgram() {
        // user-defined range (RFC 5531 §7.3), clear of the suites' NLM callback program 0x20000021
        return 0x20100000 + new SecureRandom().nextInt(0x00F00000);
    }

    @Test
    @Requirement("R-PMAP-1")
    void getport_nfsAndMountV3_servingPortsAndUnregisteredZero(SuiteContext ctx) throws Exception {
        try (RpcProbe p = ctx.rpc("A", ctx.portmapper())) {
            int nfs = getport(p, 100003, 3);
            int mount = getport(p, 100005, 3);
            ctx.note("GETPORT", "NFS v3 -> " + nfs + ", MOUNT v3 -> " + mount);
            assertEquals(ctx.nfsAddress().getPort(), nfs, "GETPORT(NFS, 3, TCP) is the port NFS serves on");
            assertEquals(ctx.mountAddress().getPort(), mount, "GETPORT(MOUNT, 3, TCP) is the port MOUNT serves on");
            assertEquals(0, getport(p, throwawayProgram(), 1), "an unregistered program maps to 0");
        }
    }

    @Test
    @Requirement("R-PMAP-2")
    void setUnsetDump_throwawayProgram_duplicateRefusedUnsetAllTransportsDumpOnce(SuiteContext ctx) throws Exception {
        int prog = throwawayProgram();
        try (RpcProbe p = ctx.rpc("A", ctx.portmapper())) {
            try {
                assertTrue(
                        call(p, SET, new Mapping(prog, 1, TCP, 40001).encode())
                                .results()
                                .bool(),
                        "SET of a new mapping");
                assertFalse(
                        call(p, SET, new Mapping(prog, 1, TCP, 40002).encode())
                                .results()
                                .bool(),
                        "SET of an existing (prog, vers, prot)");
                assertTrue(
                        call(p, SET, new Mapping(prog, 1, UDP, 40003).encode())
                                .results()
                                .bool(),
                        "SET of the UDP mapping");
                assertEquals(40001, getport(p, prog, 1), "the first SET stands");
                List<Mapping> all = dump(p);
                long mine = all.stream().filter(m -> m.prog() == prog).count();
                assertEquals(2, mine, "DUMP lists the TCP and UDP mappings once each: " + all);
                Set<Mapping> unique = new HashSet<>(all);
                assertEquals(unique.size(), all.size(), "DUMP lists no mapping twice");
                assertTrue(
                        call(p, UNSET, new Mapping(prog, 1, TCP, 0).encode())
                                .results()
                                .bool(),
                        "UNSET");
                assertEquals(0, getport(p, prog, 1), "UNSET removed the TCP mapping");
                assertTrue(
                        dump(p).stream().noneMatch(m -> m.prog() == prog),
                        "UNSET removed every transport of the version");
            } finally {
                call(p, UNSET, new Mapping(prog, 1, TCP, 0).encode());
            }
        }
    }

    @Test
    @Requirement("R-PMAP-3")
    void dump_everyVersionServed_isRegistered(SuiteContext ctx) throws Exception {
        List<Mapping> all;
        try (RpcProbe p = ctx.rpc("A", ctx.portmapper())) {
            all = dump(p);
        }
        ctx.note("DUMP", all.toString());
        record Served(int prog, InetSocketAddress at) {}
        List<Served> services = new ArrayList<>();
        services.add(new Served(100003, ctx.nfsAddress()));
        services.add(new Served(100005, ctx.mountAddress()));
        if (ctx.nfsEndpoint().nlmPort() > 0 || all.stream().anyMatch(m -> m.prog() == 100021)) {
            services.add(new Served(100021, ctx.nlmAddress()));
        }
        for (Served s : services) {
            for (int v = 1; v <= 4; v++) {
                boolean serves;
                try (RpcProbe q = ctx.rpc("A", s.at())) {
                    serves = q.call(s.prog(), v, 0, RpcProbe.Cred.none(), new byte[0])
                            .success();
                }
                int vers = v;
                boolean registered =
                        all.stream().anyMatch(m -> m.prog() == s.prog() && m.vers() == vers && m.prot() == TCP);
                if (serves) {
                    assertTrue(
                            registered,
                            "program " + s.prog() + " answers version " + v
                                    + " but the portmapper has no TCP mapping for it");
                }
            }
        }
    }

    @Test
    @Requirement("R-PMAP-4")
    void calls_fromUnprivilegedSourcePorts_accepted(SuiteContext ctx) throws Exception {
        try (RpcProbe m = ctx.rpc("A", ctx.mountAddress())) {
            assertTrue(
                    m.localPort() > 1023, "the suite's connection comes from an unprivileged port: " + m.localPort());
            RpcReply r = m.call(
                    100005,
                    3,
                    1,
                    RpcProbe.Cred.sys(),
                    new XdrOut().string(ctx.nfsEndpoint().exportPath()).bytes());
            assertTrue(r.success(), "MNT from port " + m.localPort() + ": " + r);
            assertEquals(0, r.results().int32(), "MNT3_OK from an unprivileged port");
        }
        try (io.interlock.suite.nfs.Nfs3Raw n = ctx.nfsRaw("A")) {
            assertTrue(n.probe().localPort() > 1023, "unprivileged NFS port");
            assertEquals(0, n.getattr(n.root()).status(), "GETATTR from an unprivileged port");
        }
        if (ctx.nfsEndpoint().nlmPort() > 0) {
            try (RpcProbe l = ctx.rpc("A", ctx.nlmAddress())) {
                assertTrue(
                        l.call(100021, 4, 0, RpcProbe.Cred.sys(), new byte[0]).success(),
                        "NLM NULL from an unprivileged port");
            }
        }
    }
}
