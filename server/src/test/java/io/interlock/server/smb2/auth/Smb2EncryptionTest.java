package io.interlock.server.smb2.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transform layout of [MS-SMB2] 2.2.41 / 3.1.4.3 checked against independent primitives: a
 * hand-written CCM (RFC 3610 over JDK AES-ECB) and BouncyCastle's GCM (the server uses JDK GCM).
 */
class Smb2EncryptionTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @EnumSource(Smb2Cipher.class)
    void encrypt_layoutNonceAad_matchIndependentAead(Smb2Cipher c) throws Exception {
        byte[] key = new byte[c.keyLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0x10 + i);
        }
        byte[] msg = HEX.parseHex("fe534d42" + "40".repeat(3) + "00".repeat(57) + "0102030405060708090a");
        byte[] nonce = Arrays.copyOf(HEX.parseHex("a1a2a3a4a5a6a7a8a9aaabac"), c.nonceLength());
        long session = 0x0000400000000041L;
        byte[] out = Smb2Encryption.encrypt(c, key, session, nonce, msg);

        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).as("ProtocolId 0xFD 'SMB'").isEqualTo(0x424D53FD);
        assertThat(Arrays.copyOfRange(out, 20, 20 + c.nonceLength())).isEqualTo(nonce);
        assertThat(Arrays.copyOfRange(out, 20 + c.nonceLength(), 36))
                .as("nonce padding")
                .containsOnly(0);
        assertThat(b.getInt(36)).as("OriginalMessageSize").isEqualTo(msg.length);
        assertThat(b.getShort(40)).as("Reserved").isZero();
        assertThat(b.getShort(42)).as("Flags: encrypted").isEqualTo((short) 1);
        assertThat(b.getLong(44)).as("SessionId").isEqualTo(session);
        assertThat(out).hasSize(52 + msg.length);

        byte[] aad = Arrays.copyOfRange(out, 20, 52);
        byte[] expected = c.gcm() ? bcGcm(key, nonce, aad, msg) : ccm(key, nonce, aad, msg);
        assertThat(Arrays.copyOfRange(out, 52, out.length))
                .as("ciphertext")
                .isEqualTo(Arrays.copyOf(expected, msg.length));
        assertThat(Arrays.copyOfRange(out, 4, 20))
                .as("Signature = tag")
                .isEqualTo(Arrays.copyOfRange(expected, msg.length, expected.length));

        assertThat(Smb2Encryption.decrypt(c, key, out)).isEqualTo(msg);
        byte[] tampered = out.clone();
        tampered[44] ^= 1; // SessionId is authenticated
        assertThatThrownBy(() -> Smb2Encryption.decrypt(c, key, tampered))
                .isInstanceOf(Smb2Encryption.DecryptException.class);
    }

    private static byte[] bcGcm(byte[] key, byte[] nonce, byte[] aad, byte[] msg) throws Exception {
        GCMBlockCipher g = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
        g.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        byte[] out = new byte[g.getOutputSize(msg.length)];
        int n = g.processBytes(msg, 0, msg.length, out, 0);
        g.doFinal(out, n);
        return out;
    }

    /** RFC 3610 CCM with a 16-byte tag and an 11-byte nonce (L = 4), from AES-ECB. */
    private static byte[] ccm(byte[] key, byte[] nonce, byte[] aad, byte[] msg) throws Exception {
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        int l = 15 - nonce.length;
        byte[] b0 = new byte[16];
        b0[0] = (byte) (0x40 | ((16 - 2) / 2) << 3 | (l - 1));
        System.arraycopy(nonce, 0, b0, 1, nonce.length);
        for (int i = 0; i < l; i++) {
            b0[15 - i] = (byte) (msg.length >>> (8 * i));
        }
        ByteBuffer auth = ByteBuffer.allocate(16 + pad16(2 + aad.length) + pad16(msg.length));
        auth.put(b0);
        auth.putShort((short) aad.length).put(aad);
        auth.position(16 + pad16(2 + aad.length));
        auth.put(msg);
        byte[] x = new byte[16];
        byte[] all = auth.array();
        for (int at = 0; at < all.length; at += 16) {
            for (int i = 0; i < 16; i++) {
                x[i] ^= all[at + i];
            }
            x = aes.doFinal(x);
        }
        byte[] out = new byte[msg.length + 16];
        for (int blk = 0; blk <= (msg.length + 15) / 16; blk++) {
            byte[] a = new byte[16];
            a[0] = (byte) (l - 1);
            System.arraycopy(nonce, 0, a, 1, nonce.length);
            for (int i = 0; i < l; i++) {
                a[15 - i] = (byte) (blk >>> (8 * i));
            }
            byte[] s = aes.doFinal(a);
            if (blk == 0) {
                for (int i = 0; i < 16; i++) {
                    out[msg.length + i] = (byte) (x[i] ^ s[i]);
                }
            } else {
                for (int i = 0; i < 16 && (blk - 1) * 16 + i < msg.length; i++) {
                    int p = (blk - 1) * 16 + i;
                    out[p] = (byte) (msg[p] ^ s[i]);
                }
            }
        }
        return out;
    }

    private static int pad16(int n) {
        return (n + 15) & ~15;
    }
}
