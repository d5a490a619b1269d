package io.interlock.server.smb2;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.LeaseBreakNotice;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LeaseState;
import io.interlock.server.smb2.session.Smb2LeaseBreaker;
import io.interlock.server.smb2.wire.Smb2Header;
import io.interlock.server.smb2.wire.Smb2Reader;
import io.interlock.server.smb2.wire.Smb2Writer;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Raw-socket input the server must survive: it answers an error or closes, and keeps serving. */
class Smb2MalformedIT {
    private static Smb2TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new Smb2TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Socket socket() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static void sendFrame(OutputStream out, byte[] msg) throws IOException {
        out.write(new byte[] {0, (byte) (msg.length >>> 16), (byte) (msg.length >>> 8), (byte) msg.length});
        out.write(msg);
        out.flush();
    }

    /** Reads one response frame, or null when the server closed the connection. */
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

    private static boolean closedByServer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private static void assertServerStillWorks() throws Exception {
        try (SMBClient client = new SMBClient();
                Connection c = client.connect("127.0.0.1", server.port());
                Session s = c.authenticate(new AuthenticationContext("interlock", "interlock".toCharArray(), ""));
                DiskShare share = (DiskShare) s.connectShare("share")) {
            assertThat(share.list("")).isNotEmpty();
        }
    }

    private static byte[] header(int command, long messageId) {
        Smb2Writer w = new Smb2Writer();
        new Smb2Header(0, 0, command, 1, 0, 0, messageId, 0, 0, null).encode(w);
        return w.toByteArray();
    }

    @Test
    void shortHeader_closesConnection_serverKeepsServing() throws Exception {
        try (Socket s = socket()) {
            sendFrame(s.getOutputStream(), new byte[] {(byte) 0xFE, 'S', 'M', 'B', 64, 0, 0, 0, 0, 0});
            assertThat(closedByServer(s)).isTrue();
        }
        assertServerStillWorks();
    }

    @Test
    void badProtocolId_closesConnection_serverKeepsServing() throws Exception {
        try (Socket s = socket()) {
            byte[] h = header(0, 0);
            h[0] = 'X';
            sendFrame(s.getOutputStream(), h);
            assertThat(closedByServer(s)).isTrue();
        }
        assertServerStillWorks();
    }

    @Test
    void hugeLength_closesConnection_serverKeepsServing() throws Exception {
        try (Socket s = socket()) {
            s.getOutputStream()
                    .write(new byte[] {0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, 'S', 'M', 'B'});
            s.getOutputStream().flush();
            assertThat(closedByServer(s)).isTrue();
        }
        assertServerStillWorks();
    }

    @Test
    void badStructureSize_answersInvalidParameter_connectionStaysUsable() throws Exception {
        try (Socket s = socket()) {
            Smb2Writer w = new Smb2Writer();
            w.bytes(header(0, 0));
            w.u16(99).zeros(40); // NEGOTIATE with a wrong StructureSize
            sendFrame(s.getOutputStream(), w.toByteArray());
            byte[] resp = readFrame(s.getInputStream());
            assertThat(resp).isNotNull();
            Smb2Header h = Smb2Header.decode(Smb2Reader.of(resp));
            assertThat(h.status()).isEqualTo(0xC000000D);
            assertThat(h.messageId()).isZero();

            // offsets past the frame: a NEGOTIATE whose dialect count runs off the end
            Smb2Writer w2 = new Smb2Writer();
            w2.bytes(header(0, 1));
            w2.u16(36)
                    .u16(500)
                    .u16(1)
                    .u16(0)
                    .u32(0)
                    .guid(UUID.randomUUID())
                    .u64(0)
                    .u16(0x0202);
            sendFrame(s.getOutputStream(), w2.toByteArray());
            Smb2Header h2 = Smb2Header.decode(Smb2Reader.of(readFrame(s.getInputStream())));
            assertThat(h2.status()).isEqualTo(0xC000000D);
            assertThat(h2.messageId()).isEqualTo(1);
        }
        assertServerStillWorks();
    }

    @Test
    void unknownCommand_answersNotSupported() throws Exception {
        try (Socket s = socket()) {
            Smb2Writer w = new Smb2Writer();
            w.bytes(header(0x77, 0)); // id 0: the only one a new connection may use
            w.u16(4).u16(0);
            sendFrame(s.getOutputStream(), w.toByteArray());
            Smb2Header h = Smb2Header.decode(Smb2Reader.of(readFrame(s.getInputStream())));
            assertThat(h.status()).isEqualTo(0xC00000BB);
        }
    }

    @Test
    void leaseBreakNotification_encoding_matchesMsSmb2_2_2_23_2() throws Exception {
        UUID key = UUID.randomUUID();
        byte[] b = Smb2LeaseBreaker.encode(new LeaseBreakNotice(
                new LeaseKey(UUID.randomUUID(), key),
                server.fs.root(),
                LeaseState.RWH,
                LeaseState.RH,
                5,
                true,
                BreakTrigger.OPEN));
        Smb2Reader r = Smb2Reader.of(b);
        Smb2Header h = Smb2Header.decode(r);
        assertThat(h.command()).isEqualTo(0x12);
        assertThat(h.messageId()).isEqualTo(-1L);
        assertThat(h.sessionId()).isZero();
        assertThat(h.flags()).isEqualTo(Smb2Header.FLAG_SERVER_TO_REDIR);
        assertThat(r.u16()).isEqualTo(44);
        assertThat(r.u16()).isEqualTo(5); // NewEpoch
        assertThat(r.u32()).isEqualTo(1); // ACK_REQUIRED
        assertThat(r.guid()).isEqualTo(key);
        assertThat(r.u32()).isEqualTo(LeaseState.RWH);
        assertThat(r.u32()).isEqualTo(LeaseState.RH);
        assertThat(b).hasSize(64 + 44);
        // no live connection of that client: nothing to send, nothing thrown
        server.server
                .breakNotifier()
                .leaseBreak(new LeaseBreakNotice(
                        new LeaseKey(UUID.randomUUID(), key),
                        server.fs.root(),
                        LeaseState.RWH,
                        LeaseState.RH,
                        0,
                        true,
                        BreakTrigger.OPEN));
        assertThat(server.locks
                        .breakFor(server.fs.root(), BreakTrigger.WRITE, BreakOrigin.nfs())
                        .isDone())
                .isTrue();
    }
}
