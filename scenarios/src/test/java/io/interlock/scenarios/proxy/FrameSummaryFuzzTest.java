package io.interlock.scenarios.proxy;

import static io.interlock.scenarios.proxy.Captures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decoders never throw: every truncation of every capture (with the length header kept, so it
 * lies, and with it fixed), many seeded random corruptions, and random frames. A summary is always
 * returned; truncated SMB2 messages are Opaque or carry a Malformed body.
 */
class FrameSummaryFuzzTest {
    private static final long SEED = 20260521L;

    @Test
    void truncations_neverThrow_andShortSmbIsOpaque() {
        for (String hex : Captures.SMB) {
            byte[] full = bytes(hex);
            for (int n = 0; n < full.length; n++) {
                byte[] lying = Arrays.copyOf(full, n);
                assertThat(decode(WireProtocol.SMB2, lying)).isNotNull();
                byte[] fixed = withSmbLength(lying);
                FrameSummary s = decode(WireProtocol.SMB2, fixed);
                if (n < 4 + 64) {
                    assertThat(s).as("%d bytes of %s", n, hex.substring(0, 40)).isInstanceOf(Opaque.class);
                } else if (s instanceof Smb2Summary smb) {
                    assertThat(smb.messages()).hasSize(1);
                }
            }
        }
        for (String hex : Captures.RPC) {
            byte[] full = bytes(hex);
            for (int n = 0; n < full.length; n++) {
                byte[] lying = Arrays.copyOf(full, n);
                assertThat(decode(WireProtocol.ONC_RPC, lying)).isNotNull();
                if (n >= 4) {
                    ByteBuffer.wrap(lying).putInt(0, 0x80000000 | (n - 4));
                    assertThat(decode(WireProtocol.ONC_RPC, lying)).isNotNull();
                }
            }
        }
    }

    @Test
    void randomCorruptions_neverThrow() {
        Random random = new Random(SEED);
        for (int round = 0; round < 400; round++) {
            for (String hex : Captures.SMB) {
                decode(WireProtocol.SMB2, corrupt(bytes(hex), random));
            }
            for (String hex : Captures.RPC) {
                decode(WireProtocol.ONC_RPC, corrupt(bytes(hex), random));
            }
        }
    }

    @Test
    void randomFrames_neverThrow() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(300)];
            random.nextBytes(b);
            if (b.length > 8 && random.nextBoolean()) {
                b[0] = 0;
                b[4] = (byte) 0xFE;
                b[5] = 'S';
                b[6] = 'M';
                b[7] = 'B';
            }
            decode(WireProtocol.SMB2, b);
            decode(WireProtocol.ONC_RPC, b);
        }
    }

    /** Overwrites 1 to 4 bytes, biased towards the headers, lengths and offsets. */
    private static byte[] corrupt(byte[] b, Random random) {
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextBoolean() ? random.nextInt(Math.min(b.length, 140)) : random.nextInt(b.length);
            b[at] = switch (random.nextInt(4)) {
                case 0 -> (byte) 0xFF;
                case 1 -> 0;
                default -> (byte) random.nextInt(256);
            };
        }
        return b;
    }

    private static byte[] withSmbLength(byte[] b) {
        byte[] out = b.clone();
        if (out.length >= 4) {
            int len = out.length - 4;
            out[0] = 0;
            out[1] = (byte) (len >>> 16);
            out[2] = (byte) (len >>> 8);
            out[3] = (byte) len;
        }
        return out;
    }

    private static FrameSummary decode(WireProtocol protocol, byte[] frame) {
        FrameSummary s = FrameSummary.decode(protocol, frame);
        assertThat(s).isNotNull();
        return s;
    }
}
