package io.interlock.suite.smb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Signing of the suites' SMB2 requests ([MS-SMB2] 3.1.4.1, 3.1.4.2): HMAC-SHA256 with the session
 * key on 2.x, AES-128-CMAC with a key from the SP800-108 KDF on 3.x ("SMB2AESCMAC"/"SmbSign" for
 * 3.0 and 3.0.2, "SMBSigningKey" over the session's preauth integrity hash for 3.1.1). Servers
 * require it for a 3.1.1 TREE_CONNECT (3.3.5.7) and wherever signing is mandatory.
 */
final class Smb2Signing {
    private final int dialect;
    private final byte[] key;

    private Smb2Signing(int dialect, byte[] key) {
        this.dialect = dialect;
        this.key = key;
    }

    /**
     * The signer of a session.
     *
     * @param sessionKey the NTLM session key (16 bytes)
     * @param preauthHash the session's preauth integrity hash (3.1.1), else null
     */
    static Smb2Signing of(int dialect, byte[] sessionKey, byte[] preauthHash) {
        byte[] k;
        if (dialect >= Smb2Client.SMB_3_1_1) {
            k = kdf(sessionKey, "SMBSigningKey\0", preauthHash);
        } else if (dialect >= Smb2Client.SMB_3_0) {
            k = kdf(sessionKey, "SMB2AESCMAC\0", "SmbSign\0".getBytes(StandardCharsets.US_ASCII));
        } else {
            k = sessionKey;
        }
        return new Smb2Signing(dialect, k);
    }

    /** Signs {@code msg[off, off+len)} in place: SIGNED flag set, Signature computed. */
    void sign(byte[] msg, int off, int len) {
        ByteBuffer b = ByteBuffer.wrap(msg).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(off + 16, b.getInt(off + 16) | Smb2Message.FLAG_SIGNED);
        Arrays.fill(msg, off + 48, off + 64, (byte) 0);
        byte[] sig;
        if (dialect >= Smb2Client.SMB_3_0) {
            CMac mac = new CMac(AESEngine.newInstance());
            mac.init(new KeyParameter(key));
            mac.update(msg, off, len);
            sig = new byte[16];
            mac.doFinal(sig, 0);
        } else {
            sig = Arrays.copyOf(hmacSha256(key, msg, off, len), 16);
        }
        System.arraycopy(sig, 0, msg, off + 48, 16);
    }

    /** SP800-108 counter-mode KDF with HMAC-SHA256, one round, L = 128 ([MS-SMB2] 3.1.4.2). */
    static byte[] kdf(byte[] ki, String label, byte[] context) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer in =
                ByteBuffer.allocate(4 + l.length + 1 + context.length + 4).order(ByteOrder.BIG_ENDIAN);
        in.putInt(1).put(l).put((byte) 0).put(context).putInt(128);
        byte[] all = in.array();
        return Arrays.copyOf(hmacSha256(ki, all, 0, all.length), 16);
    }

    static byte[] hmacSha256(byte[] key, byte[] data, int off, int len) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            m.update(data, off, len);
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** One step of the preauth integrity hash ([MS-SMB2] 3.2.5.2): SHA-512(previous || message). */
    static byte[] preauth(byte[] previous, byte[] message) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-512");
            d.update(previous);
            d.update(message);
            return d.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-512 unavailable", e);
        }
    }
}
