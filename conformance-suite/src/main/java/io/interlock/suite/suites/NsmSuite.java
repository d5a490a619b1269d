package io.interlock.suite.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;
import io.interlock.suite.Requirement;
import io.interlock.suite.SuiteClock;
import io.interlock.suite.SuiteContext;
import io.interlock.suite.SuiteExtension;
import io.interlock.suite.rpc.RpcProbe;
import io.interlock.suite.rpc.RpcReply;
import io.interlock.suite.rpc.RpcStubServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * NSM, the status monitor (XNFS ch. 11; catalog nfs3-nlm-crossproto.md §3.5, R-NSM-1): the state
 * number, and SM_NOTIFY to the registered peers when the server comes back. The peer is played by
 * a stand-in portmapper and NSM on another loopback address (127.0.0.2), where the restarted server
 * looks for it the way statd does.
 */
@ExtendWith(SuiteExtension.class)
public final class NsmSuite {
    private static final int NSM = 100024;
    private static final int SM_STAT = 1;
    private static final int SM_MON = 2;
    private static final int SM_NOTIFY = 6;

    /** Where NSM answers: its portmapper mapping, else (like our server) the NLM port. */
    private static InetSocketAddress nsm(SuiteContext ctx) throws Exception {
        if (ctx.nfsEndpoint().portmapPort() > 0) {
            try (RpcProbe pm = ctx.rpc("pm", ctx.portmapper())) {
                RpcReply r = pm.call(
                        100000,
                        2,
                        3,
                        RpcProbe.Cred.none(),
                        new XdrOut().int32(NSM).int32(1).int32(6).int32(0).bytes());
                int port = r.success() ? r.results().int32() : 0;
                if (port > 0) {
                    return ctx.nfsEndpoint().address(port);
                }
            }
        }
        return ctx.nlmAddress();
    }

    private static int smStat(RpcProbe p) throws Exception {
        RpcReply r = p.call(
                NSM,
                1,
                SM_STAT,
                RpcProbe.Cred.sys(),
                new XdrOut().string("suite-client").bytes());
        assertTrue(r.success(), "SM_STAT: " + r);
        XdrIn in = r.results();
        assertEquals(0, in.int32(), "sm_stat_res.res_stat STAT_SUCC");
        return in.int32();
    }

    @Test
    @Requirement("R-NSM-1")
    void smStat_serverUp_oddState(SuiteContext ctx) throws Exception {
        try (RpcProbe p = ctx.rpc("N", nsm(ctx))) {
            int state = smStat(p);
            ctx.note("SM_STAT", "state " + state);
            assertEquals(1, state & 1, "the NSM state is odd while the server is up: " + state);
        }
    }

    @Test
    @Requirement("R-NSM-1")
    void restart_monitoredPeer_smNotifyWithHigherOddState(SuiteContext ctx) throws Exception {
        assumeTrue(ctx.restartable(), "the target cannot be restarted by the suite");
        InetAddress peer = InetAddress.getByName("127.0.0.2");
        int portmapPort = ctx.portmapper().getPort();
        List<String> notified = new CopyOnWriteArrayList<>();
        try (RpcStubServer peerNsm = RpcStubServer.start(new InetSocketAddress(peer, 0), (prog, vers, proc, in) -> {
                    if (prog == NSM && proc == SM_NOTIFY) {
                        notified.add(in.string(1024) + "/" + in.int32()); // stat_chge: mon_name, state
                        return new byte[0];
                    }
                    return proc == 0 ? new byte[0] : null;
                });
                RpcStubServer peerPortmap =
                        RpcStubServer.start(new InetSocketAddress(peer, portmapPort), (prog, vers, proc, in) -> {
                            if (prog == 100000 && proc == 3) { // GETPORT
                                int p = in.int32();
                                return new XdrOut()
                                        .int32(p == NSM ? peerNsm.port() : 0)
                                        .bytes();
                            }
                            return proc == 0 ? new byte[0] : null;
                        })) {
            int before;
            try (RpcProbe p =
                    ctx.closeLater(RpcProbe.connectFrom(peer, nsm(ctx), SuiteContext.REPLY, ctx.evidence(), "peer"))) {
                before = smStat(p);
                // SM_MON: mon_id {mon_name, my_id {my_name, my_prog, my_vers, my_proc}}, priv[16]
                byte[] mon = new XdrOut()
                        .string("suite-client")
                        .string("suite-client-lockd")
                        .int32(100021)
                        .int32(4)
                        .int32(16)
                        .fixedOpaque(new byte[16])
                        .bytes();
                RpcReply r = p.call(NSM, 1, SM_MON, RpcProbe.Cred.sys(), mon);
                assertTrue(r.success(), "SM_MON: " + r);
                assertEquals(0, r.results().int32(), "SM_MON STAT_SUCC");
            }
            ctx.restart(Duration.ZERO);
            SuiteClock.awaitReal(
                    SuiteClock.EVENT,
                    () -> !notified.isEmpty(),
                    "SM_NOTIFY reaches the monitored peer after the restart");
            int after;
            try (RpcProbe p = ctx.rpc("N", nsm(ctx))) {
                after = smStat(p);
            }
            ctx.note("states", "before " + before + ", after " + after + ", notified " + notified);
            assertEquals(1, after & 1, "odd state after the restart");
            assertTrue(after > before, "the state went up: " + before + " -> " + after);
            String n = notified.get(0);
            assertEquals(String.valueOf(after), n.substring(n.lastIndexOf('/') + 1), "SM_NOTIFY carries the new state");
        }
    }
}
