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
}
