package io.interlock.server.smb2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.NamedPipe;
import com.hierynomus.smbj.share.PipeShare;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.Fault;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.Share;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IPC$ and {@code \PIPE\srvsvc} through real clients: smbj's named pipe (FSCTL_PIPE_TRANSCEIVE and
 * READ) with a hand-written DCE/RPC client, and {@code smbclient -L}. Requirements R-CACHE-1..3,
 * 5, 6.
 */
class Smb2SrvsvcIT {
    private static final Path SMBCLIENT = Path.of("/usr/bin/smbclient");

    private Smb2TestServer server;
    private SMBClient client;
    private Connection conn;
    private Session session;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws Exception {
        server = new Smb2TestServer();
        client = new SMBClient();
        conn = client.connect("127.0.0.1", server.port());
        session = conn.authenticate(new AuthenticationContext("interlock", "interlock".toCharArray(), ""));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            conn.close();
        } catch (java.io.IOException e) {
            // the test closed the server under the connection
        }
        client.close();
        server.close();
    }

    private Share share(String name) {
        return new Share(name, new MemoryFileSystem(server.clock.asJavaClock()), BreakPolicy.WAIT, true);
    }

    /** Opens a new pipe, binds and enumerates at a level; the share names as a set. */
    private Set<String> enumerate(int level) throws Exception {
        try (PipeShare ipc = (PipeShare) session.connectShare("IPC$");
                NamedPipe pipe = openSrvsvc(ipc)) {
            SrvsvcClient c = new SrvsvcClient(pipe);
            c.bindSrvsvc();
            return c.enumAll(level).stream().map(SrvsvcClient.Share::name).collect(Collectors.toSet());
        }
    }

    static NamedPipe openSrvsvc(PipeShare ipc) {
        return ipc.open(
                "srvsvc",
                com.hierynomus.mssmb2.SMB2ImpersonationLevel.Impersonation,
                java.util.EnumSet.of(com.hierynomus.msdtyp.AccessMask.MAXIMUM_ALLOWED),
                null,
                com.hierynomus.mssmb2.SMB2ShareAccess.ALL,
                com.hierynomus.mssmb2.SMB2CreateDisposition.FILE_OPEN,
                null);
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {0, 1, 2, 501, 502})
    void netShareEnumAll_level_answersThatLevelWithDiskShares(int level) throws Exception {
        server.shares.add(share("données"));
        try (PipeShare ipc = (PipeShare) session.connectShare("IPC$");
                NamedPipe pipe = openSrvsvc(ipc)) {
            SrvsvcClient c = new SrvsvcClient(pipe);
            c.bindSrvsvc();
            List<SrvsvcClient.Share> shares = c.enumAll(level);
            assertThat(shares).extracting(SrvsvcClient.Share::name).containsExactlyInAnyOrder("share", "données");
            if (level != 0) {
                assertThat(shares).allSatisfy(s -> assertThat(s.type()).isZero()); // STYPE_DISKTREE
            }
            if (level == 2 || level == 502) {
                assertThat(shares).allSatisfy(s -> assertThat(s.path()).startsWith("C:\\"));
            }
        }
    }

    @Test
    void netShareEnumAll_manyShares_answerSpansFragmentsReadBack() throws Exception {
        Set<String> want = new TreeSet<>(Set.of("share"));
        for (int i = 0; i < 120; i++) {
            server.shares.add(share("a-rather-long-share-name-" + i));
            want.add("a-rather-long-share-name-" + i);
        }
        assertThat(enumerate(2)).isEqualTo(want);
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {0, 1, 2, 501, 502})
    void netShareGetInfo_nonAsciiName_countsUtf16Units(int level) throws Exception {
        server.shares.add(share("données"));
        try (PipeShare ipc = (PipeShare) session.connectShare("IPC$");
                NamedPipe pipe = openSrvsvc(ipc)) {
            SrvsvcClient c = new SrvsvcClient(pipe);
            c.bindSrvsvc();
            Object info = c.getInfo("DONNÉES".toLowerCase(java.util.Locale.ROOT), level);
            assertThat(info).isInstanceOf(SrvsvcClient.Share.class);
            assertThat(((SrvsvcClient.Share) info).name()).isEqualTo("données");
            assertThat(c.getInfo("nope", level)).isEqualTo(2310); // NERR_NetNameNotFound
        }
    }

    @Test
    void request_unknownOpnum_faultsOpRangeError() throws Exception {
        try (PipeShare ipc = (PipeShare) session.connectShare("IPC$");
                NamedPipe pipe = openSrvsvc(ipc)) {
            SrvsvcClient c = new SrvsvcClient(pipe);
            c.bindSrvsvc();
            SrvsvcClient.Answer a = c.call(99, new byte[8]);
            assertThat(a.type()).isEqualTo(3);
            assertThat(a.faultStatus()).isEqualTo(0x1C010002); // nca_s_op_rng_error
            // the pipe stays usable after a fault
            assertThat(c.enumAll(1)).isNotEmpty();
        }
    }

    @Test
    void bind_unknownInterface_isRejected() throws Exception {
        try (PipeShare ipc = (PipeShare) session.connectShare("IPC$");
                NamedPipe pipe = openSrvsvc(ipc)) {
            byte[] other = SrvsvcClient.SRVSVC.clone();
            other[0] ^= 1;
            byte[] ack = new SrvsvcClient(pipe).bind(other);
            int secLen = (ack[24] & 0xFF) | (ack[25] & 0xFF) << 8;
            int results = (26 + secLen + 3) & ~3;
            assertThat(ack[results + 4]).as("provider rejection").isEqualTo((byte) 2);
            assertThat(ack[results + 6]).as("abstract syntax not supported").isEqualTo((byte) 1);
        }
    }

    @Test
    void create_unknownPipe_failsObjectNameNotFound() throws Exception {
        try (PipeShare ipc = (PipeShare) session.connectShare("IPC$")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ipc.open(
                            "winreg",
                            com.hierynomus.mssmb2.SMB2ImpersonationLevel.Impersonation,
                            java.util.EnumSet.of(com.hierynomus.msdtyp.AccessMask.MAXIMUM_ALLOWED),
                            null,
                            com.hierynomus.mssmb2.SMB2ShareAccess.ALL,
                            com.hierynomus.mssmb2.SMB2CreateDisposition.FILE_OPEN,
                            null))
                    .hasMessageContaining("STATUS_OBJECT_NAME_NOT_FOUND");
        }
    }

    /** R-CACHE-1, 2, 3, 5. */
    @Test
    void enumerate_afterAddRemoveDisable_newPipeSeesChangeOldPipeKeepsSnapshot() throws Exception {
        assertThat(enumerate(1)).containsExactly("share");
        // the old pipe lives on its own connection: smbj shares one tree per session and name
        try (Connection c2 = client.connect("127.0.0.1", server.port());
                Session s2 = c2.authenticate(new AuthenticationContext("interlock", "interlock".toCharArray(), ""));
                PipeShare ipc = (PipeShare) s2.connectShare("IPC$");
                NamedPipe old = openSrvsvc(ipc)) {
            server.shares.add(share("added"));
            assertThat(enumerate(1)).containsExactlyInAnyOrder("share", "added");
            SrvsvcClient oc = new SrvsvcClient(old);
            oc.bindSrvsvc();
            assertThat(oc.enumAll(1)).extracting(SrvsvcClient.Share::name).containsExactly("share");
        }
        server.shares.setEnabled("added", false);
        assertThat(enumerate(1)).containsExactly("share");
        server.shares.setEnabled("added", true);
        assertThat(enumerate(1)).containsExactlyInAnyOrder("share", "added");
        server.shares.remove("share");
        assertThat(enumerate(1)).containsExactly("added");
    }

    /** BUG-06: with invalidation skipped a new pipe still lists the old set. */
    @Test
    void enumerate_skipInvalidationFault_newPipeSeesStaleList() throws Exception {
        assertThat(enumerate(1)).containsExactly("share");
        server.faults.enable(Fault.SKIP_SHARE_CACHE_INVALIDATION);
        server.shares.add(share("added"));
        assertThat(enumerate(1)).as("stale list under BUG-06").containsExactly("share");
        server.faults.disable(Fault.SKIP_SHARE_CACHE_INVALIDATION);
        server.shares.remove("added");
        server.shares.add(share("added2"));
        assertThat(enumerate(1)).containsExactlyInAnyOrder("share", "added2");
    }

    /** R-CACHE-7. */
    @Test
    void startStop_manyCycles_subscriberCountUnchanged() throws Exception {
        int before = server.shares.subscriberCount();
        for (int i = 0; i < 5; i++) {
            Smb2Server s = new Smb2Server(
                    io.interlock.server.runtime.ServerConfig.ephemeral(),
                    server.shares,
                    server.locks,
                    server.clock,
                    server.faults);
            s.start();
            assertThat(server.shares.subscriberCount()).isEqualTo(before + 1);
            s.close();
            s.start(); // the same instance restarts
            s.close();
        }
        assertThat(server.shares.subscriberCount()).isEqualTo(before);
        server.server.close();
        assertThat(server.shares.subscriberCount()).isEqualTo(before - 1);
    }

    @Test
    void smbclientList_listsRuntimeChanges() throws Exception {
        assumeTrue(Files.isExecutable(SMBCLIENT), "smbclient not installed at /usr/bin/smbclient");
        server.shares.add(share("gone"));
        String first = smbclientList();
        assertThat(first).contains("gone");
        server.shares.add(share("added-later"));
        server.shares.add(share("données"));
        server.shares.remove("gone");
        String out = smbclientList();
        assertThat(out)
                .contains("share")
                .contains("added-later")
                .contains("données")
                .contains("Disk");
        assertThat(out).doesNotContain("gone").doesNotContain("IPC$");
    }

    private String smbclientList() throws Exception {
        Path conf = tmp.resolve("smb.conf");
        Files.writeString(conf, "[global]\n");
        Process p = new ProcessBuilder(
                        SMBCLIENT.toString(),
                        "-L",
                        "//127.0.0.1",
                        "-p",
                        String.valueOf(server.port()),
                        "-U",
                        "interlock%interlock",
                        "-s",
                        conf.toString())
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String s = new String(out, StandardCharsets.UTF_8);
        assertThat(s).contains("Sharename");
        return s;
    }
}
