package io.interlock.suite.suites;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.interlock.scenarios.clients.nfs.wire.MountMntRes;
import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;
import io.interlock.suite.Requirement;
import io.interlock.suite.SuiteContext;
import io.interlock.suite.SuiteExtension;
import io.interlock.suite.rpc.RpcProbe;
import io.interlock.suite.rpc.RpcReply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MOUNT v3 (RFC 1813 §5; catalog nfs3-nlm-crossproto.md §2.1, R-MNT-1..2) over raw RPC. */
@ExtendWith(SuiteExtension.class)
public final class MountSuite {
    private static final int MOUNT = 100005;
    private static final int MNT = 1;
    private static final int UMNT = 3;
    private static final int UMNTALL = 4;
    private static final int EXPORT = 5;

    private static MountMntRes mnt(RpcProbe p, String path) throws Exception {
        RpcReply r = p.call(
                MOUNT, 3, MNT, RpcProbe.Cred.sys(), new XdrOut().string(path).bytes());
        assertTrue(r.success(), "MNT " + path + " answered " + r);
        return MountMntRes.decode(r.results());
    }

    @Test
    @Requirement("R-MNT-1")
    void mnt_exportedPath_okWithHandleAndAuthSys(SuiteContext ctx) throws Exception {
        try (RpcProbe p = ctx.rpc("A", ctx.mountAddress())) {
            String export = ctx.nfsEndpoint().exportPath();
            MountMntRes m = mnt(p, export);
            ctx.note(
                    "MNT",
                    export + " -> " + MountMntRes.statusName(m.status()) + " fh "
                            + (m.fileHandle() == null ? 0 : m.fileHandle().length) + "B flavors " + m.authFlavors());
            assertEquals(MountMntRes.MNT3_OK, m.status(), "MNT of the export");
            assertTrue(
                    m.fileHandle() != null && m.fileHandle().length >= 1 && m.fileHandle().length <= 64,
                    "an fh of 1 to 64 bytes");
            assertTrue(m.authFlavors().contains(1), "the flavors include AUTH_SYS (1): " + m.authFlavors());
        }
    }

    @Test
    @Requirement("R-MNT-1")
    void mnt_unknownPath_noent(SuiteContext ctx) throws Exception {
        try (RpcProbe p = ctx.rpc("A", ctx.mountAddress())) {
            MountMntRes m = mnt(p, "/no-such-export-" + ctx.name("x"));
            assertEquals("MNT3ERR_NOENT", MountMntRes.statusName(m.status()), "MNT of an unknown path");
        }
    }

    @Test
    @Requirement("R-MNT-2")
    void umntAndUmntall_knownAndUnknownPaths_voidSuccess(SuiteContext ctx) throws Exception {
        try (RpcProbe p = ctx.rpc("A", ctx.mountAddress())) {
            String export = ctx.nfsEndpoint().exportPath();
            RpcReply known = p.call(
                    MOUNT,
                    3,
                    UMNT,
                    RpcProbe.Cred.sys(),
                    new XdrOut().string(export).bytes());
            assertTrue(known.success(), "UMNT of the export: " + known);
            assertEquals(0, known.results().remaining(), "UMNT returns void");
            RpcReply unknown = p.call(
                    MOUNT,
                    3,
                    UMNT,
                    RpcProbe.Cred.sys(),
                    new XdrOut().string("/never-mounted").bytes());
            assertTrue(unknown.success(), "UMNT of an unknown path: " + unknown);
            RpcReply all = p.call(MOUNT, 3, UMNTALL, RpcProbe.Cred.sys(), new byte[0]);
            assertTrue(all.success(), "UMNTALL: " + all);
            assertEquals(0, all.results().remaining(), "UMNTALL returns void");
        }
    }

    @Test
    @Requirement("R-MNT-2")
    void mntUmnt_repeatedPairs_harmlessAndHandleStable(SuiteContext ctx) throws Exception {
        try (RpcProbe p = ctx.rpc("A", ctx.mountAddress())) {
            String export = ctx.nfsEndpoint().exportPath();
            byte[] first = null;
            for (int i = 0; i < 5; i++) {
                MountMntRes m = mnt(p, export);
                assertEquals(MountMntRes.MNT3_OK, m.status(), "MNT round " + i);
                if (first == null) {
                    first = m.fileHandle();
                } else {
                    assertArrayEquals(first, m.fileHandle(), "the export's handle is the same each time");
                }
                assertTrue(
                        p.call(
                                        MOUNT,
                                        3,
                                        UMNT,
                                        RpcProbe.Cred.sys(),
                                        new XdrOut().string(export).bytes())
                                .success(),
                        "UMNT round " + i);
            }
            // the same MNT twice with one xid (nfs-client-java quirk q1): both answered
            int xid = p.nextXid();
            byte[] call = RpcProbe.callMessage(
                    xid,
                    2,
                    MOUNT,
                    3,
                    MNT,
                    RpcProbe.Cred.sys(),
                    new XdrOut().string(export).bytes());
            p.send(call);
            p.send(call);
            for (int i = 0; i < 2; i++) {
                RpcReply r = p.readReply();
                assertEquals(xid, r.xid(), "reply xid");
                assertEquals(
                        MountMntRes.MNT3_OK, MountMntRes.decode(r.results()).status(), "duplicate MNT " + i);
            }
        }
    }

    @Test
    @Requirement("R-MNT-1")
    void export_anyCaller_listsTheExport(SuiteContext ctx) throws Exception {
        try (RpcProbe p = ctx.rpc("A", ctx.mountAddress())) {
            RpcReply r = p.call(MOUNT, 3, EXPORT, RpcProbe.Cred.sys(), new byte[0]);
            assertTrue(r.success(), "EXPORT: " + r);
            XdrIn in = r.results();
            List<String> dirs = new ArrayList<>();
            while (in.bool()) {
                dirs.add(in.string(1024));
                while (in.bool()) {
                    in.string(255); // group name
                }
            }
            ctx.note("EXPORT", dirs.toString());
            assertTrue(
                    dirs.contains(ctx.nfsEndpoint().exportPath()),
                    "EXPORT lists " + ctx.nfsEndpoint().exportPath() + ": " + dirs);
        }
    }
}
