package io.interlock.server.smb2.auth;

import io.interlock.server.smb2.wire.Smb2Header;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One session's signing key, set up once ([MS-SMB2] 3.1.4.1): the AES key schedule and CMAC
 * subkeys, or the initialised HMAC, are reused for every message instead of being rebuilt (issue
 * 11's profile: building the JDK cipher and its key schedule per message was 30% of the SMB lane's
 * CPU, more than the signing itself). Thread-safe: calls are serialised on this object, which
 * costs nothing on the connection's lane, the only caller in practice.
 */
public final class Smb2Signer {
    private static final byte[] ZERO16 = new byte[16];

    private final Smb2Signing.Algorithm alg;
    private final byte[] key;
    /** Set for AES_CMAC; reset by each {@link AesCmac#doFinal}. */
    private final AesCmac cmac;
    /** Set for HMAC_SHA256; reset by each {@link Mac#doFinal}. */
    private final Mac hmac;

    public Smb2Signer(Smb2Signing.Algorithm alg, byte[] key) {
        this.alg = alg;
        this.key = key.clone();
        if (alg == Smb2Signing.Algorithm.AES_CMAC) {
            cmac = new AesCmac(this.key);
            hmac = null;
        } else {
            cmac = null;
            try {
                hmac = Mac.getInstance("HmacSHA256");
                hmac.init(new SecretKeySpec(this.key, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        }
    }

    public Smb2Signing.Algorithm algorithm() {
        return alg;
    }

    /**
     * Signature of the message {@code msg[off, off + len)} with its Signature field taken as zero,
     * followed by {@code payload}'s remaining bytes (null for none; its position is left alone) and
     * {@code pad} zero bytes.
     */
    public synchronized byte[] sign(byte[] msg, int off, int len, ByteBuffer payload, int pad) {
        int sig = off + Smb2Header.SIGNATURE_OFFSET;
        int after = sig + 16;
        if (cmac != null) {
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
        hmac.update(msg, off, sig - off);
        hmac.update(ZERO16);
        hmac.update(msg, after, off + len - after);
        if (payload != null) {
            hmac.update(payload.duplicate());
        }
        if (pad > 0) {
            hmac.update(new byte[pad]);
        }
        return Arrays.copyOf(hmac.doFinal(), 16);
    }

    /** Writes the SIGNED flag and the signature into {@code msg[off, off + len)}. */
    public void signInPlace(byte[] msg, int off, int len) {
        msg[off + 16] |= Smb2Header.FLAG_SIGNED;
        byte[] s = sign(msg, off, len, null, 0);
        System.arraycopy(s, 0, msg, off + Smb2Header.SIGNATURE_OFFSET, 16);
    }

    /**
     * Writes the SIGNED flag and the signature into the message head {@code msg}, signing it
     * together with the payload and padding that follow it on the wire.
     */
    public void signInPlace(byte[] msg, ByteBuffer payload, int pad) {
        msg[16] |= Smb2Header.FLAG_SIGNED;
        byte[] s = sign(msg, 0, msg.length, payload, pad);
        System.arraycopy(s, 0, msg, Smb2Header.SIGNATURE_OFFSET, 16);
    }

    /** Whether the Signature field of {@code msg[off, off + len)} matches, in constant time. */
    public boolean verify(byte[] msg, int off, int len) {
        byte[] expected = sign(msg, off, len, null, 0);
        byte[] actual =
                Arrays.copyOfRange(msg, off + Smb2Header.SIGNATURE_OFFSET, off + Smb2Header.SIGNATURE_OFFSET + 16);
        return MessageDigest.isEqual(expected, actual);
    }
}
