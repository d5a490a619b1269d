package io.interlock.scenarios.clients.smb;

import com.hierynomus.mssmb2.SMB2PacketHeader;
import com.hierynomus.security.Mac;
import com.hierynomus.security.SecurityException;
import com.hierynomus.security.SecurityProvider;
import com.hierynomus.smbj.session.Session;
import java.security.MessageDigest;
import javax.crypto.SecretKey;

/**
 * Signs and verifies the messages {@link BreakInterceptor} handles in smbj's place ([MS-SMB2]
 * 3.1.4.1 / 3.1.5.1: HMAC-SHA256 for SMB 2.x, AES-128-CMAC for 3.x, over the whole message with
 * the 16-byte Signature field zeroed; the algorithm comes with smbj's session key).
 *
 * <p>Why: smbj drops an unsigned response when the session requires signing (its
 * SMB2SignatureVerificationPacketHandler, [MS-SMB2] 3.2.5.1.3), so the ECHO that stands in for a
 * lease break acknowledgment response must carry a valid signature made with the session's own
 * key. The real response, which smbj never sees, is verified here instead, so the interceptor does
 * not weaken what signing guarantees.
 */
final class SubstituteSigner {
    static final int FLAG_SIGNED = 0x8;
    private static final int SIGNATURE_OFFSET = 48;
    private static final int SIGNATURE_SIZE = 16;

    private final SecurityProvider provider;
    private volatile Session session; // null until authenticated

    SubstituteSigner(SecurityProvider provider) {
        this.provider = provider;
    }

    /** From now on messages of {@code s} are signed and verified with its key. */
    void bind(Session s) {
        this.session = s;
    }

    /** The key for a response with this header, or null when there is none (no session yet, no signing). */
    SecretKey keyFor(SMB2PacketHeader header) {
        Session s = session;
        if (s == null || header.getSessionId() != s.getSessionId()) {
            return null;
        }
        return s.getSigningKey(header, false);
    }

    /** The signature of {@code msg[start, end)} (a whole SMB2 message) under {@code key}. */
    byte[] signature(SecretKey key, byte[] msg, int start, int end) {
        try {
            Mac mac = provider.getMac(key.getAlgorithm());
            mac.init(key.getEncoded());
            mac.update(msg, start, SIGNATURE_OFFSET);
            mac.update(new byte[SIGNATURE_SIZE]);
            int rest = start + SIGNATURE_OFFSET + SIGNATURE_SIZE;
            mac.update(msg, rest, end - rest);
            byte[] full = mac.doFinal();
            byte[] sig = new byte[SIGNATURE_SIZE];
            System.arraycopy(full, 0, sig, 0, SIGNATURE_SIZE);
            return sig;
        } catch (SecurityException e) {
            throw new IllegalStateException("cannot compute an SMB2 signature with " + key.getAlgorithm(), e);
        }
    }

    /** Whether the message's Signature field is right. Constant-time comparison. */
    boolean verify(SecretKey key, byte[] msg, int start, int end) {
        byte[] got = new byte[SIGNATURE_SIZE];
        System.arraycopy(msg, start + SIGNATURE_OFFSET, got, 0, SIGNATURE_SIZE);
        return MessageDigest.isEqual(got, signature(key, msg, start, end));
    }

    /** Signs a whole message in place: sets SMB2_FLAGS_SIGNED and writes the Signature. */
    void sign(SecretKey key, byte[] msg) {
        int flags = (msg[16] & 0xFF) | (msg[17] & 0xFF) << 8 | (msg[18] & 0xFF) << 16 | (msg[19] & 0xFF) << 24;
        flags |= FLAG_SIGNED;
        msg[16] = (byte) flags;
        msg[17] = (byte) (flags >>> 8);
        msg[18] = (byte) (flags >>> 16);
        msg[19] = (byte) (flags >>> 24);
        System.arraycopy(signature(key, msg, 0, msg.length), 0, msg, SIGNATURE_OFFSET, SIGNATURE_SIZE);
    }
}
