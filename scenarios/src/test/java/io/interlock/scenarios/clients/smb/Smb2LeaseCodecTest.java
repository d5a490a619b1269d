package io.interlock.scenarios.clients.smb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hierynomus.mssmb2.SMB2FileId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class Smb2LeaseCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final UUID KEY = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");

    @Test
    void encode_v1RwhRequest_matchesSpecLayout() {
        byte[] b = Smb2LeaseContext.request(LeaseVersion.V1, KEY, LeaseBits.parse("RWH"))
                .encode();
        assertThat(HEX.formatHex(b))
                .isEqualTo("00000000" + "1000" + "0400" + "0000" + "1800" + "20000000" // header
                        + "52714c73" + "00000000" // "RqLs" + pad
                        + "00112233445566778899aabbccddeeff" // LeaseKey
                        + "07000000" + "00000000" + "0000000000000000"); // state, flags, duration
    }

    @Test
    void encodeDecode_v2WithEpoch_roundTrips() {
        Smb2LeaseContext v2 = new Smb2LeaseContext(LeaseVersion.V2, KEY, 5, 0, null, 3);
        byte[] b = v2.encode();
        assertThat(b).hasSize(24 + 52);
        Smb2LeaseContext back =
                Smb2LeaseContext.decodeData(ByteBuffer.wrap(b, 24, 52).slice(), 52);
        assertThat(back).isEqualTo(v2);
    }

    @Test
    void decode_oddDataLength_isRejected() {
        assertThatThrownBy(() -> Smb2LeaseContext.decodeData(ByteBuffer.allocate(40), 40))
                .hasMessageContaining("neither 32 (v1) nor 52 (v2)");
    }

    @Test
    void createBody_withLease_putsContextAt8AlignedOffsetAfterName() {
        Smb2CreateWithLease c =
                new Smb2CreateWithLease("f", 0x0012019F, 7, 3, 0x40, Smb2LeaseContext.request(LeaseVersion.V2, KEY, 7));
        ByteBuffer b = ByteBuffer.wrap(c.encodeBody()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort(0)).isEqualTo((short) 57);
        assertThat(b.get(3)).isEqualTo((byte) 0xFF); // RequestedOplockLevel = LEASE
        assertThat(b.getShort(44)).isEqualTo((short) 120); // NameOffset
        assertThat(b.getShort(46)).isEqualTo((short) 2); // NameLength "f" in UTF-16LE
        assertThat(b.getInt(48)).isEqualTo(128); // CreateContextsOffset: align8(120 + 2)
        assertThat(b.getInt(52)).isEqualTo(76);
        assertThat(b.capacity()).isEqualTo(128 + 76 - 64);
    }

    @Test
    void decode_leaseBreakNotification_readsEveryField() {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        new Smb2LeaseBreakNotification(2, 1, KEY, 7, 0, 0, 0, 0).encode(b);
        b.flip();
        Smb2LeaseBreakNotification n = Smb2LeaseBreakNotification.decode(b);
        assertThat(n.ackRequired()).isTrue();
        assertThat(n.leaseKey()).isEqualTo(KEY);
        assertThat(LeaseBits.format(n.currentState())).isEqualTo("RWH");
        assertThat(LeaseBits.format(n.newState())).isEqualTo("NONE");
        assertThat(n.newEpoch()).isEqualTo(2);
    }

    @Test
    void encode_leaseBreakAck_is36BytesAndDecodes() {
        byte[] body = new Smb2LeaseBreakAck(0, KEY, 3).encodeBody();
        assertThat(HEX.formatHex(body, 0, 8)).isEqualTo("2400000000000000");
        assertThat(Smb2LeaseBreakAck.decode(ByteBuffer.wrap(body)).leaseState()).isEqualTo(3);
    }

    @Test
    void createBody_withBatchOplock_asksBatchWithoutContexts() {
        Smb2CreateWithLease c =
                new Smb2CreateWithLease("f", 0x0012019F, 7, 3, 0x40, null, Smb2CreateWithLease.OPLOCK_LEVEL_BATCH);
        ByteBuffer b = ByteBuffer.wrap(c.encodeBody()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.get(3)).isEqualTo((byte) 0x09); // RequestedOplockLevel = BATCH
        assertThat(b.getInt(48)).isZero(); // CreateContextsOffset
        assertThat(b.getInt(52)).isZero(); // CreateContextsLength
        assertThat(b.capacity()).isEqualTo(120 + 2 - 64);
    }

    @Test
    void createBody_leaseAndOplock_isRejected() {
        Smb2LeaseContext lease = Smb2LeaseContext.request(LeaseVersion.V1, KEY, 7);
        assertThatThrownBy(() -> new Smb2CreateWithLease(
                        "f", 0x0012019F, 7, 3, 0x40, lease, Smb2CreateWithLease.OPLOCK_LEVEL_II))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encode_oplockBreakAck_matchesSpecLayoutAndDecodes() {
        SMB2FileId id = new SMB2FileId(HEX.parseHex("0102030405060708"), HEX.parseHex("1112131415161718"));
        byte[] body = new Smb2OplockBreak(Smb2CreateWithLease.OPLOCK_LEVEL_II, id).encodeBody();
        assertThat(HEX.formatHex(body))
                .isEqualTo("1800" + "01" + "00" + "00000000" // StructureSize, OplockLevel, Reserved, Reserved2
                        + "0102030405060708" + "1112131415161718"); // FileId: Persistent, Volatile
        Smb2OplockBreak back = Smb2OplockBreak.decode(ByteBuffer.wrap(body));
        assertThat(back.oplockLevel()).isEqualTo(1);
        assertThat(Smb2OplockBreak.fileIdBytes(back.fileId())).isEqualTo(Smb2OplockBreak.fileIdBytes(id));
    }

    @Test
    void oplockBreakEvent_ackRequiredOnlyFromBatchOrExclusive() {
        SMB2FileId id = new SMB2FileId(new byte[8], new byte[8]);
        OplockBreakEvent e = new OplockBreakEvent(id, Smb2CreateWithLease.OPLOCK_LEVEL_NONE, 0, Instant.EPOCH);
        assertThat(e.ackRequired(Smb2CreateWithLease.OPLOCK_LEVEL_BATCH)).isTrue();
        assertThat(e.ackRequired(Smb2CreateWithLease.OPLOCK_LEVEL_EXCLUSIVE)).isTrue();
        assertThat(e.ackRequired(Smb2CreateWithLease.OPLOCK_LEVEL_II)).isFalse();
    }

    @Test
    void leaseBits_parseAndFormat_roundTrip() {
        assertThat(LeaseBits.parse("rhw")).isEqualTo(7);
        assertThat(LeaseBits.format(LeaseBits.parse("HR"))).isEqualTo("RH");
        assertThat(LeaseBits.format(0)).isEqualTo("NONE");
        assertThatThrownBy(() -> LeaseBits.parse("RX")).isInstanceOf(IllegalArgumentException.class);
    }
}
