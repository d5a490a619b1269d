package io.interlock.server.smb2.auth;

import io.interlock.server.smb2.wire.Smb2Header;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SMB2 message signing ([MS-SMB2] 3.1.4.1): HMAC-SHA256 truncated to 16 bytes for 2.0.2/2.1,
 * AES-128-CMAC for 3.x ({@link AesCmac}, on the JDK's AES). The signature is computed over the
 * message with its Signature field zeroed.
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
        return sign(alg, key, msg, off, len, null, 0);
    }

    /**
     * Signature of the message {@code msg[off, off + len)} followed by {@code payload}'s remaining
     * bytes (null for none) and {@code pad} zero bytes: a READ response whose data is in a
     * transport buffer.
     */
    public static byte[] sign(Algorithm alg, byte[] key, byte[] msg, int off, int len, ByteBuffer payload, int pad) {
        int sig = off + Smb2Header.SIGNATURE_OFFSET;
        int after = sig + 16;
        if (alg == Algorithm.HMAC_SHA256) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                mac.update(msg, off, sig - off);
                mac.update(ZERO16);
                mac.update(msg, after, off + len - after);
                if (payload != null) {
                    mac.update(payload.duplicate());
                }
                mac.update(new byte[pad]);
                byte[] full = mac.doFinal();
                return java.util.Arrays.copyOf(full, 16);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        }
        AesCmac cmac = new AesCmac(key);
        cmac.update(msg, off, sig - off);
        cmac.update(ZERO16, 0, 16);
        cmac.update(msg, after, off + len - after);
        if (payload != null) {
            cmac.update(payload);
        }
        if (pad > 0) {
            cmac.update(new byte[pad], 0, pad);
        }
        return cmac.doFinal();
    }

    /**
     * Writes the SIGNED flag and the signature into the message head {@code msg}, signing it
     * together with the payload and padding that follow it on the wire.
     */
    public static void signInPlace(Algorithm alg, byte[] key, byte[] msg, ByteBuffer payload, int pad) {
        msg[16] |= Smb2Header.FLAG_SIGNED;
        byte[] s = sign(alg, key, msg, 0, msg.length, payload, pad);
        System.arraycopy(s, 0, msg, Smb2Header.SIGNATURE_OFFSET, 16);
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
