package io.interlock.server.smb2.auth;

import io.interlock.server.smb2.wire.Smb2Header;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * SMB2 message signing ([MS-SMB2] 3.1.4.1): HMAC-SHA256 truncated to 16 bytes for 2.0.2/2.1,
 * AES-128-CMAC for 3.x ({@link AesCmac}, on the JDK's AES). The signature is computed over the
 * message with its Signature field zeroed. These are one-off calls that set the key up each time;
 * a session signs through its own {@link Smb2Signer}.
 */
public final class Smb2Signing {
    /** Signing algorithm of a session. */
    public enum Algorithm {
        HMAC_SHA256,
        AES_CMAC
    }

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
        return new Smb2Signer(alg, key).sign(msg, off, len, payload, pad);
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
