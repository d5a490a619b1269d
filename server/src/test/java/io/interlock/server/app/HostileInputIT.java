package io.interlock.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.nfs.v3.Nfs3Program;
import io.interlock.server.rpc.RpcClient;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.smb2.wire.Smb2Header;
import io.interlock.server.smb2.wire.Smb2Reader;
import io.interlock.server.smb2.wire.Smb2Writer;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bytes of issue 10's outside probe, sent to the real server on ephemeral ports: each must end
 * in an answer or a closed connection, never in work or memory that grows with the attacker's
 * input, and the server keeps serving other clients.
 */
class HostileInputIT {
    private static InterlockServer server;

    @BeforeAll
    static void start() throws Exception {
        server = InterlockServer.start(ServerConfig.ephemeral().withPortmap(PortmapMode.OFF, 0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Socket connect(InetSocketAddress a) throws IOException {
        Socket s = new Socket(a.getAddress(), a.getPort());
        s.setSoTimeout(10_000);
        return s;
    }

    /** True when the server closed (or reset) the connection before the read timeout. */
    private static boolean closedByServer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static RpcReplyView nfsNull(Socket s, int xid) throws IOException {
        byte[] call = RpcClient.encodeCall(
                xid, Nfs3Program.PROGRAM, Nfs3Program.VERSION, 0, RpcCredential.None.INSTANCE, XdrEncodable.VOID);
        OutputStream out = s.getOutputStream();
        out.write(ByteBuffer.allocate(4).putInt(0x80000000 | call.length).array());
        out.write(call);
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        int mark = in.readInt();
        byte[] reply = new byte[mark & 0x7FFFFFFF];
        in.readFully(reply);
        return RpcReplyView.decode(reply);
    }

    // ---- defect 1: record marking ----

    @Test
    void rpc_oneByteFragmentFlood_connectionClosed_otherClientServed() throws Exception {
        int fragments = 200_000;
        ByteBuffer flood = ByteBuffer.allocate(fragments * 5);
        for (int i = 0; i < fragments; i++) {
            flood.putInt(1).put((byte) i); // not the last fragment: the record never ends
        }
        try (Socket attacker = connect(server.endpoints().nfs());
                Socket other = connect(server.endpoints().nfs())) {
            Thread writer = new Thread(() -> {
                try {
                    attacker.getOutputStream().write(flood.array());
                } catch (IOException e) {
                    // the server closed the connection part-way: expected
                }
            });
            writer.start();
            long t0 = System.nanoTime();
            assertThat(nfsNull(other, 7).success()).isTrue();
            assertThat((System.nanoTime() - t0) / 1_000_000)
                    .as("ms for another client's NULL")
                    .isLessThan(2_000);
            assertThat(closedByServer(attacker))
                    .as("a record of 200,000 fragments is refused")
                    .isTrue();
            writer.join(10_000);
        }
    }

    // ---- defect 4: pre-login limits ----

    @Test
    void rpc_firstRecordAnnouncing4MiB_onMountPort_closedAtOnce() throws Exception {
        try (Socket s = connect(server.endpoints().mount())) {
            OutputStream out = s.getOutputStream();
            out.write(ByteBuffer.allocate(8).putInt(4 * 1024 * 1024).putInt(42).array());
            out.flush();
            assertThat(closedByServer(s)).as("MOUNT never needs a 4 MiB record").isTrue();
        }
    }

    @Test
    void smb_frameAnnouncing8MiB_beforeLogin_closedAtOnce() throws Exception {
        try (Socket s = connect(server.endpoints().smb())) {
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {0, (byte) 0x80, 0, 0, (byte) 0xFE, 'S', 'M', 'B'});
            out.flush();
            assertThat(closedByServer(s)).as("no login needs an 8 MiB frame").isTrue();
        }
    }

    // ---- defect 7: message ids ----

    private static byte[] header(int command, long messageId) {
        Smb2Writer w = new Smb2Writer();
        new Smb2Header(0, 0, command, 1, 0, 0, messageId, 0, 0, null).encode(w);
        return w.toByteArray();
    }

    private static void sendFrame(OutputStream out, byte[] msg) throws IOException {
        out.write(new byte[] {0, (byte) (msg.length >>> 16), (byte) (msg.length >>> 8), (byte) msg.length});
        out.write(msg);
        out.flush();
    }

    private static byte[] readFrame(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        try {
            int len = d.readInt() & 0xFFFFFF;
            byte[] b = new byte[len];
            d.readFully(b);
            return b;
        } catch (EOFException e) {
            return null;
        }
    }

    private static void negotiate(Socket s) throws Exception {
        Smb2Writer w = new Smb2Writer();
        w.bytes(header(0, 0));
        w.u16(36).u16(1).u16(1).u16(0).u32(0).guid(UUID.randomUUID()).u64(0).u16(0x0210);
        sendFrame(s.getOutputStream(), w.toByteArray());
        byte[] resp = readFrame(s.getInputStream());
        assertThat(resp).isNotNull();
        assertThat(Smb2Header.decode(Smb2Reader.of(resp)).status()).isZero();
    }

    private static byte[] echo(long messageId) {
        Smb2Writer w = new Smb2Writer();
        w.bytes(header(0x0D, messageId));
        w.u16(4).u16(0);
        return w.toByteArray();
    }

    @Test
    void smb_messageIdsOutsideTheCreditWindow_disconnect() throws Exception {
        for (long id : new long[] {1_000_000_000_000L, 0xFFFFFFFFFFFFFFFEL, 0L}) {
            try (Socket s = connect(server.endpoints().smb())) {
                negotiate(s);
                sendFrame(s.getOutputStream(), echo(id));
                assertThat(closedByServer(s))
                        .as("message id %s", Long.toUnsignedString(id))
                        .isTrue();
            }
        }
    }

    @Test
    void smb_repeatedMessageId_disconnects_validOneAnswered() throws Exception {
        try (Socket s = connect(server.endpoints().smb())) {
            negotiate(s);
            sendFrame(s.getOutputStream(), echo(1));
            byte[] r = readFrame(s.getInputStream());
            assertThat(r).isNotNull();
            assertThat(Smb2Header.decode(Smb2Reader.of(r)).status()).isZero();
            sendFrame(s.getOutputStream(), echo(1));
            assertThat(closedByServer(s)).as("message id 1 again").isTrue();
        }
    }
}
