package io.interlock.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LeaseRequest;
import io.interlock.server.core.lock.LeaseState;
import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.nfs.mount.MountProgram;
import io.interlock.server.rpc.RpcClient;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.ShareConfig;
import io.interlock.server.smb2.Smb2Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The composition root: every share gets a store whose ids no other share's store issues. */
class InterlockServerIT {
    @Test
    void shares_inMemory_neverShareFileIds_soLeasesDoNotLeakAcrossShares() throws Exception {
        ServerConfig cfg = ServerConfig.ephemeral()
                .withPortmap(PortmapMode.OFF, 0)
                .withShares(List.of(ShareConfig.inMemory("a"), ShareConfig.inMemory("b")));
        try (InterlockServer s = InterlockServer.start(cfg)) {
            VirtualFileSystem a = s.shares().get("a").orElseThrow().fs();
            VirtualFileSystem b = s.shares().get("b").orElseThrow().fs();
            VirtualFileSystem c = s.newMemoryStore();
            List<FileId> ids = new ArrayList<>();
            for (VirtualFileSystem fs : List.of(a, b, c)) {
                ids.add(fs.root());
                ids.add(fs.createFile(fs.root(), "f", SetAttributes.NONE, CreateMode.EXCLUSIVE));
            }
            assertThat(ids).doesNotHaveDuplicates();

            // a lease on a's "f" is not broken by a write to b's "f"
            FileId fa = a.lookup(a.root(), "f");
            FileId fb = b.lookup(b.root(), "f");
            List<Object> notices = new ArrayList<>();
            LeaseKey key = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
            s.locks().requestLease(new LeaseRequest(fa, key, LeaseState.RWH, 2, 0, false, notices::add));
            s.locks().breakFor(fb, BreakTrigger.WRITE, BreakOrigin.nfs()).join();
            assertThat(notices).isEmpty();
            assertThat(s.locks().lease(key).orElseThrow().state()).isEqualTo(LeaseState.RWH);
        }
    }

    @Test
    void checkListeners_everyListenerAnswersItsLoopbackCall_aClosedOneFails() throws Exception {
        InterlockServer s = InterlockServer.start(ServerConfig.ephemeral().withPortmap(PortmapMode.OFF, 0));
        InetSocketAddress smb;
        try {
            s.checkListeners(Duration.ofSeconds(10)); // NEGOTIATE, NULLs, MNT, FSINFO, READDIRPLUS, UMNT
            smb = s.endpoints().smb();
            try (RpcClient c = new RpcClient(s.endpoints().mount(), Duration.ofSeconds(10))) {
                RpcReplyView dump = c.call(
                        MountProgram.PROGRAM,
                        MountProgram.VERSION,
                        MountProgram.MOUNTPROC3_DUMP,
                        RpcCredential.None.INSTANCE,
                        XdrEncodable.VOID);
                assertThat(dump.success()).isTrue();
                assertThat(dump.results().readBoolean())
                        .as("the check's mount was taken back")
                        .isFalse();
            }
        } finally {
            s.close();
        }
        assertThatThrownBy(() -> Smb2Server.checkListener(smb, Duration.ofSeconds(2)))
                .isInstanceOf(IOException.class); // nothing listens there any more
    }
}
