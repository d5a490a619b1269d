package io.interlock.server.smb2.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.KDFCounterBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KDFCounterParameters;
import org.junit.jupiter.api.Test;

/** SMB3 KDF against BouncyCastle's SP800-108 counter KDF, and signing behaviour. */
class Smb2SigningTest {
    private static byte[] bcKdf(byte[] key, byte[] label, byte[] context) {
        byte[] fixed = new byte[label.length + 1 + context.length + 4];
        System.arraycopy(label, 0, fixed, 0, label.length);
        System.arraycopy(context, 0, fixed, label.length + 1, context.length);
        fixed[fixed.length - 2] = 0; // L = 128, big-endian
        fixed[fixed.length - 1] = (byte) 0x80;
        KDFCounterBytesGenerator g = new KDFCounterBytesGenerator(new HMac(new SHA256Digest()));
        g.init(new KDFCounterParameters(key, null, fixed, 32));
        byte[] out = new byte[16];
        g.generateBytes(out, 0, 16);
        return out;
    }

    @Test
    void kdf_smb30AndSmb311Labels_matchSp800108Reference() {
        byte[] key = HexFormat.of().parseHex("55555555555555555555555555555555");
        assertThat(Smb3Kdf.signingKey30(key))
                .isEqualTo(bcKdf(key, Smb3Kdf.cstr("SMB2AESCMAC"), Smb3Kdf.cstr("SmbSign")));
        byte[] preauth = new byte[64];
        new Random(1).nextBytes(preauth);
        assertThat(Smb3Kdf.signingKey311(key, preauth)).isEqualTo(bcKdf(key, Smb3Kdf.cstr("SMBSigningKey"), preauth));
        assertThat(Smb3Kdf.cstr("SmbSign")).isEqualTo("SmbSign\0".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void hmacSha256Signature_ignoresSignatureField_matchesJdkHmac() throws Exception {
        byte[] msg = new byte[200];
        new Random(2).nextBytes(msg);
        byte[] key = new byte[16];
        new Random(3).nextBytes(key);
        byte[] zeroed = msg.clone();
        Arrays.fill(zeroed, 48, 64, (byte) 0);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = Arrays.copyOf(mac.doFinal(zeroed), 16);
        assertThat(Smb2Signing.sign(Smb2Signing.Algorithm.HMAC_SHA256, key, msg, 0, msg.length))
                .isEqualTo(expected);
    }

    @Test
    void signInPlace_thenVerify_detectsTampering() {
        for (Smb2Signing.Algorithm alg : Smb2Signing.Algorithm.values()) {
            byte[] msg = new byte[128];
            new Random(4).nextBytes(msg);
            byte[] key = new byte[16];
            Smb2Signing.signInPlace(alg, key, msg, 0, msg.length);
            assertThat(msg[16] & 0x8).isEqualTo(0x8);
            assertThat(Smb2Signing.verify(alg, key, msg, 0, msg.length)).isTrue();
            msg[100] ^= 1;
            assertThat(Smb2Signing.verify(alg, key, msg, 0, msg.length)).isFalse();
        }
    }

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 4493 §4: the four AES-128 examples. */
    @Test
    void aesCmac_rfc4493Examples() {
        byte[] key = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
        byte[] m = HEX.parseHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
        assertThat(cmac(key, m, 0)).isEqualTo(HEX.parseHex("bb1d6929e95937287fa37d129b756746"));
        assertThat(cmac(key, m, 16)).isEqualTo(HEX.parseHex("070a16b46b4d4144f79bdd9dd04a287c"));
        assertThat(cmac(key, m, 40)).isEqualTo(HEX.parseHex("dfa66747de9ae63030ca32611497c827"));
        assertThat(cmac(key, m, 64)).isEqualTo(HEX.parseHex("51f0bebf7e3b9d92fc49741779363cfe"));
    }

    private static byte[] cmac(byte[] key, byte[] m, int len) {
        AesCmac c = new AesCmac(key);
        c.update(m, 0, len);
        return c.doFinal();
    }

    /** Any split of the input, heap or direct, gives BouncyCastle's CMAC of the whole. */
    @Test
    void aesCmac_randomSplitsAndDirectBuffers_matchBouncyCastle() {
        Random rnd = new Random(9);
        for (int round = 0; round < 200; round++) {
            byte[] key = new byte[16];
            rnd.nextBytes(key);
            byte[] m = new byte[rnd.nextInt(70_000)];
            rnd.nextBytes(m);
            org.bouncycastle.crypto.macs.CMac bc =
                    new org.bouncycastle.crypto.macs.CMac(org.bouncycastle.crypto.engines.AESEngine.newInstance());
            bc.init(new org.bouncycastle.crypto.params.KeyParameter(key));
            bc.update(m, 0, m.length);
            byte[] expected = new byte[16];
            bc.doFinal(expected, 0);
            AesCmac c = new AesCmac(key);
            int at = 0;
            while (at < m.length) {
                int n = Math.min(m.length - at, rnd.nextInt(40_000) + 1);
                if (rnd.nextBoolean()) {
                    c.update(m, at, n);
                } else {
                    java.nio.ByteBuffer d = java.nio.ByteBuffer.allocateDirect(n + 5);
                    d.position(5).mark();
                    d.put(m, at, n).reset();
                    c.update(d);
                }
                at += n;
            }
            assertThat(c.doFinal()).as("length %d", m.length).isEqualTo(expected);
        }
    }

    /** A READ response signed with its data in a separate buffer equals one signed whole. */
    @Test
    void signWithPayload_equalsSigningTheWholeMessage() {
        for (Smb2Signing.Algorithm alg : Smb2Signing.Algorithm.values()) {
            byte[] head = new byte[80];
            new Random(5).nextBytes(head);
            byte[] data = new byte[5000];
            new Random(6).nextBytes(data);
            int pad = 3;
            byte[] whole = new byte[head.length + data.length + pad];
            System.arraycopy(head, 0, whole, 0, head.length);
            System.arraycopy(data, 0, whole, head.length, data.length);
            byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
            Smb2Signing.signInPlace(alg, key, whole, 0, whole.length);
            java.nio.ByteBuffer payload = java.nio.ByteBuffer.allocateDirect(data.length);
            payload.put(data).flip();
            Smb2Signing.signInPlace(alg, key, head, payload, pad);
            assertThat(Arrays.copyOf(whole, head.length)).as(alg.name()).isEqualTo(head);
            assertThat(payload.remaining()).isEqualTo(data.length);
        }
    }

    @Test
    void signer_reusedAcrossMessages_matchesOneOffSignatures() {
        byte[] key = new byte[16];
        new Random(7).nextBytes(key);
        for (Smb2Signing.Algorithm alg : Smb2Signing.Algorithm.values()) {
            Smb2Signer signer = new Smb2Signer(alg, key);
            Random r = new Random(8);
            for (int len : new int[] {64, 65, 80, 200, 4096 + 64, 64}) {
                byte[] msg = new byte[len];
                r.nextBytes(msg);
                assertThat(signer.sign(msg, 0, len, null, 0))
                        .as("%s, %d bytes", alg, len)
                        .isEqualTo(Smb2Signing.sign(alg, key, msg, 0, len));
                byte[] signed = msg.clone();
                signer.signInPlace(signed, 0, len);
                assertThat(signer.verify(signed, 0, len)).isTrue();
                assertThat(Smb2Signing.verify(alg, key, signed, 0, len)).isTrue();
            }
        }
    }
}
