package io.interlock.scenarios.proxy;

import static io.interlock.scenarios.proxy.Captures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SMB2 frame summaries from real captures ({@link Captures}) and from hand-made spec layouts. */
class Smb2SummaryTest {
    private static final UUID KEY = UUID.fromString("11223344-5566-7788-99aa-bbccddeeff00");
    private static final int RWH = 7;
    private static final int RH = 3;

    private static Smb2Message only(String hex) {
        return only(bytes(hex));
    }

    private static Smb2Message only(byte[] frame) {
        FrameSummary s = FrameSummary.decode(WireProtocol.SMB2, frame);
        assertThat(s).isInstanceOf(Smb2Summary.class);
        Smb2Summary smb = (Smb2Summary) s;
        assertThat(smb.encrypted()).isFalse();
        assertThat(smb.messages()).hasSize(1);
        return smb.first();
    }

    @Test
    void createRequest_v2Lease_nameAndLeaseContext() {
        Smb2Message m = only(Captures.CREATE_REQ_V2);
        assertThat(m.command()).isEqualTo(Smb2Command.SMB2_CREATE);
        assertThat(m.response()).isFalse();
        assertThat(m.signed()).isTrue();
        assertThat(m.messageId()).isEqualTo(4);
        assertThat(m.treeId()).isEqualTo(1);
        assertThat(m.sessionId()).isEqualTo(0xC583EL);
        assertThat(m.creditCharge()).isEqualTo(1);
        Smb2CreateRequestBody b = (Smb2CreateRequestBody) m.body();
        assertThat(b.name()).isEqualTo("fixture.txt");
        assertThat(b.requestedOplockLevel()).isEqualTo(0xFF);
        assertThat(b.createDisposition()).isEqualTo(3); // FILE_OPEN_IF
        assertThat(b.shareAccess()).isEqualTo(7);
        assertThat(b.lease()).isEqualTo(new Smb2LeaseInfo(2, KEY, RWH, 0, null, 0));
    }

    @Test
    void createResponse_v2Lease_grantedStateEpochAndFileId() {
        Smb2Message m = only(Captures.CREATE_RESP_V2);
        assertThat(m.response()).isTrue();
        assertThat(m.status()).isZero();
        assertThat(m.messageId()).isEqualTo(4);
        Smb2CreateResponseBody b = (Smb2CreateResponseBody) m.body();
        assertThat(b.oplockLevel()).isEqualTo(0xFF);
        assertThat(b.createAction()).isEqualTo(2); // FILE_CREATED
        assertThat(b.fileId()).isEqualTo(new Smb2FileId(0xC5840L, 0xC5840L));
        assertThat(b.lease()).isEqualTo(new Smb2LeaseInfo(2, KEY, RWH, 0, null, 1));
    }

    @Test
    void createRequestAndResponse_v1Lease() {
        UUID key = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
        Smb2CreateRequestBody req =
                (Smb2CreateRequestBody) only(Captures.CREATE_REQ_V1).body();
        assertThat(req.name()).isEqualTo("v1.txt");
        assertThat(req.lease()).isEqualTo(new Smb2LeaseInfo(1, key, 1, 0, null, 0));
        Smb2CreateResponseBody resp =
                (Smb2CreateResponseBody) only(Captures.CREATE_RESP_V1).body();
        assertThat(resp.lease()).isEqualTo(new Smb2LeaseInfo(1, key, 1, 0, null, 0));
    }

    @Test
    void createRequest_withoutContexts_hasNoLease() {
        Smb2Message interim = only(Captures.CREATE_INTERIM);
        assertThat(interim.interim()).isTrue();
        assertThat(interim.async()).isTrue();
        assertThat(interim.asyncId()).isEqualTo(1);
        assertThat(interim.treeId()).isZero();
        assertThat(interim.body()).isInstanceOf(Smb2Body.None.class);
        Smb2Message fin = only(Captures.CREATE_ASYNC_FINAL);
        assertThat(fin.interim()).isFalse();
        assertThat(fin.asyncId()).isEqualTo(1);
        Smb2CreateResponseBody b = (Smb2CreateResponseBody) fin.body();
        assertThat(b.oplockLevel()).isZero();
        assertThat(b.endOfFile()).isEqualTo(8);
        assertThat(b.lease()).isNull();
    }

    @Test
    void errorResponse_statusOnly() {
        Smb2Message m = only(Captures.CREATE_NOT_FOUND);
        assertThat(m.status()).isEqualTo(0xC000003AL); // STATUS_OBJECT_PATH_NOT_FOUND
        assertThat(m.body()).isInstanceOf(Smb2Body.None.class);
        Smb2Message eof = only(Captures.READ_EOF_RESP);
        assertThat(eof.status()).isEqualTo(0xC0000011L); // STATUS_END_OF_FILE
    }

    @Test
    void writeReadLock_requests() {
        Smb2WriteRequestBody w = (Smb2WriteRequestBody) only(Captures.WRITE_REQ).body();
        assertThat(w).isEqualTo(new Smb2WriteRequestBody(new Smb2FileId(0xC5840L, 0xC5840L), 5, 3));
        Smb2ReadRequestBody r = (Smb2ReadRequestBody) only(Captures.READ_REQ).body();
        assertThat(r).isEqualTo(new Smb2ReadRequestBody(new Smb2FileId(0xC5840L, 0xC5840L), 0, 8 << 20));
        Smb2Message lock = only(Captures.LOCK_REQ);
        assertThat(lock.body())
                .isEqualTo(new Smb2LockRequestBody(
                        new Smb2FileId(0xC5840L, 0xC5840L),
                        java.util.List.of(new Smb2LockElement(
                                100, 20, Smb2LockElement.EXCLUSIVE_LOCK | Smb2LockElement.FAIL_IMMEDIATELY))));
        Smb2Message resp = only(Captures.WRITE_RESP);
        assertThat(resp.response()).isTrue();
        assertThat(resp.body()).isInstanceOf(Smb2Body.None.class);
    }

    @Test
    void leaseBreak_notificationAckAndResponse() {
        Smb2Message n = only(Captures.LEASE_BREAK);
        assertThat(n.command()).isEqualTo(Smb2Command.SMB2_OPLOCK_BREAK);
        assertThat(n.unsolicited()).isTrue();
        assertThat(n.sessionId()).isZero();
        assertThat(n.body()).isEqualTo(new Smb2LeaseBreakNotificationBody(2, 1, KEY, RWH, RH));
        assertThat(((Smb2LeaseBreakNotificationBody) n.body()).ackRequired()).isTrue();
        assertThat(only(Captures.LEASE_ACK).body()).isEqualTo(new Smb2LeaseBreakAckBody(false, 0, KEY, RH));
        Smb2Message resp = only(Captures.LEASE_ACK_RESP);
        assertThat(resp.unsolicited()).isFalse();
        assertThat(resp.body()).isEqualTo(new Smb2LeaseBreakAckBody(true, 0, KEY, RH));
    }

    @Test
    void oplockBreak_24ByteBodies_kindFromHeader() {
        // [MS-SMB2] 2.2.23.1: a level II break of FileId {1, 2}, built from the spec layout
        byte[] notification = frame(header(0x12, Smb2Message.FLAGS_SERVER_TO_REDIR, -1L, 0), oplockBody(1, 1, 2));
        Smb2OplockBreakBody n = (Smb2OplockBreakBody) only(notification).body();
        assertThat(n)
                .isEqualTo(new Smb2OplockBreakBody(Smb2OplockBreakBody.Kind.NOTIFICATION, 1, new Smb2FileId(1, 2)));
        byte[] ack = frame(header(0x12, 0, 9, 0), oplockBody(0, 1, 2));
        assertThat(((Smb2OplockBreakBody) only(ack).body()).kind()).isEqualTo(Smb2OplockBreakBody.Kind.ACKNOWLEDGMENT);
        byte[] resp = frame(header(0x12, Smb2Message.FLAGS_SERVER_TO_REDIR, 9, 0), oplockBody(0, 1, 2));
        assertThat(((Smb2OplockBreakBody) only(resp).body()).kind()).isEqualTo(Smb2OplockBreakBody.Kind.RESPONSE);
    }

    @Test
    void compoundChain_everyMessageInOrder_relatedFlagRead() {
        byte[] first = Arrays.copyOfRange(bytes(Captures.TREE_DISCONNECT_REQ), 4, 4 + 68);
        byte[] second = Arrays.copyOfRange(bytes(Captures.LOGOFF_REQ), 4, 4 + 68);
        byte[] a = Arrays.copyOf(first, 72); // padded to 8
        ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 72); // NextCommand
        ByteBuffer.wrap(second).order(ByteOrder.LITTLE_ENDIAN).putInt(16, Smb2Message.FLAGS_RELATED_OPERATIONS);
        Smb2Summary s = (Smb2Summary) FrameSummary.decode(WireProtocol.SMB2, frame(a, second));
        assertThat(s.messages())
                .extracting(Smb2Message::command)
                .containsExactly(Smb2Command.SMB2_TREE_DISCONNECT, Smb2Command.SMB2_LOGOFF);
        assertThat(s.messages().get(1).related()).isTrue();
        assertThat(s.messages().get(0).related()).isFalse();
    }

    @Test
    void transformHeader_encryptedWithSessionId() {
        ByteBuffer t = ByteBuffer.allocate(52 + 80).order(ByteOrder.LITTLE_ENDIAN);
        t.put(new byte[] {(byte) 0xFD, 'S', 'M', 'B'}); // ProtocolId
        t.position(36).putInt(80); // OriginalMessageSize
        t.position(42).putShort((short) 1); // Flags: encrypted
        t.putLong(0x1122334455L); // SessionId
        Smb2Summary s = (Smb2Summary) FrameSummary.decode(WireProtocol.SMB2, frame(t.array()));
        assertThat(s.encrypted()).isTrue();
        assertThat(s.transformSessionId()).isEqualTo(0x1122334455L);
        assertThat(s.messages()).isEmpty();
    }

    @Test
    void foreignFrames_areOpaqueWithAReason() {
        assertThat(FrameSummary.decode(WireProtocol.SMB2, new byte[] {(byte) 0x85, 0, 0, 0}))
                .isEqualTo(new Opaque("NetBIOS session message type 0x85"));
        byte[] smb1 = frame(new byte[] {(byte) 0xFF, 'S', 'M', 'B', 0x72, 0, 0, 0});
        assertThat(FrameSummary.decode(WireProtocol.SMB2, smb1)).isEqualTo(new Opaque("SMB1 message"));
        assertThat(FrameSummary.decode(WireProtocol.SMB2, frame(new byte[] {1, 2, 3, 4, 5})))
                .isInstanceOf(Opaque.class);
    }

    @Test
    void malformedBody_keepsTheHeader() {
        byte[] create = bytes(Captures.CREATE_REQ_V2);
        ByteBuffer.wrap(create).order(ByteOrder.LITTLE_ENDIAN).putShort(4 + 64 + 44, (short) 0x7000); // NameOffset
        Smb2Message m = only(create);
        assertThat(m.command()).isEqualTo(Smb2Command.SMB2_CREATE);
        assertThat(m.messageId()).isEqualTo(4);
        assertThat(m.body()).isInstanceOf(Smb2Body.Malformed.class);
    }

    /** A 64-byte sync or async header (async when flags has ASYNC_COMMAND). */
    static byte[] header(int command, int flags, long messageId, long sessionId) {
        ByteBuffer h = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {(byte) 0xFE, 'S', 'M', 'B'});
        h.putShort((short) 64); // StructureSize
        h.putShort((short) 0); // CreditCharge
        h.putInt(0); // Status
        h.putShort((short) command);
        h.putShort((short) 1); // Credits
        h.putInt(flags);
        h.putInt(0); // NextCommand
        h.putLong(messageId);
        h.putInt(0); // Reserved
        h.putInt(0); // TreeId
        h.putLong(sessionId);
        return h.array();
    }

    private static byte[] oplockBody(int level, long persistent, long vol) {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 24)
                .put((byte) level)
                .put((byte) 0)
                .putInt(0)
                .putLong(persistent)
                .putLong(vol);
        return b.array();
    }

    /** The parts behind a NetBIOS session header. */
    static byte[] frame(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer f = ByteBuffer.allocate(4 + n);
        f.putInt(n);
        for (byte[] p : parts) {
            f.put(p);
        }
        return f.array();
    }
}
