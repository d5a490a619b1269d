package io.interlock.server.smb2.auth;

import io.interlock.server.smb2.wire.Smb2Header;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SMB2 message signing ([MS-SMB2] 3.1.4.1): HMAC-SHA256 truncated to 16 bytes for 2.0.2/2.1,
 * AES-128-CMAC for 3.x. The signature is computed over the message with its Signature field zeroed.
 */
public final class Smb2Signing {
    /** Signing algorithm of a session. */
    public enum Algorithm {
        HMAC_SHA256,
        AES_CMAC
    }

    private static final byte[] ZERO16 = new byte[16];

    private Smb2Signing() {}

    /** Signature of {@code msg[off, off + len)}. */
    public static byte[] sign(Algorithm alg, byte[] key, byte[] msg, int off, int len) {
        int sig = off + Smb2Header.SIGNATURE_OFFSET;
        int after = sig + 16;
        if (alg == Algorithm.HMAC_SHA256) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                mac.update(msg, off, sig - off);
                mac.update(ZERO16);
                mac.update(msg, after, off + len - after);
                byte[] full = mac.doFinal();
                return java.util.Arrays.copyOf(full, 16);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        }
        CMac cmac = new CMac(AESEngine.newInstance());
        cmac.init(new KeyParameter(key));
        cmac.update(msg, off, sig - off);
        cmac.update(ZERO16, 0, 16);
        cmac.update(msg, after, off + len - after);
        byte[] out = new byte[16];
        cmac.doFinal(out, 0);
        return out;
    }

    /** Writes the SIGNED flag and the signature into {@code msg[off, off + len)}. */
    public static void signInPlace(Algorithm alg, byte[] key, byte[] msg, int off, int len) {
        msg[off + 16] |= Smb2Header.FLAG_SIGNED;
        byte[] s = sign(alg, key, msg, off, len);
        System.arraycopy(s, 0, msg, off + Smb2Header.SIGNATURE_OFFSET, 16);
    }

    /** Whether the message's Signature field matches. */
    public static boolean verify(Algorithm alg, byte[] key, byte[] msg, int off, int len) {
        byte[] expected = sign(alg, key, msg, off, len);
        byte[] actual = java.util.Arrays.copyOfRange(
                msg, off + Smb2Header.SIGNATURE_OFFSET, off + Smb2Header.SIGNATURE_OFFSET + 16);
        return MessageDigest.isEqual(expected, actual);
    }
}
