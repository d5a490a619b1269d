package io.interlock.server.smb2.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SMB 3.x key derivation ([MS-SMB2] 3.1.4.2): SP800-108 KDF in counter mode with HMAC-SHA256, r =
 * 32, L = 128; and the 3.1.1 pre-authentication integrity hash (3.3.5.4, 3.3.5.5).
 */
public final class Smb3Kdf {
    private Smb3Kdf() {}

    /** KDF(Ki, Label, Context) truncated to 16 bytes; label and context are used verbatim. */
    public static byte[] derive(byte[] key, byte[] label, byte[] context) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(new byte[] {0, 0, 0, 1}); // i = 1
            mac.update(label);
            mac.update((byte) 0); // separator
            mac.update(context);
            mac.update(new byte[] {0, 0, 0, (byte) 0x80}); // L = 128
            return java.util.Arrays.copyOf(mac.doFinal(), 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** NUL-terminated ASCII, as the spec's labels are written ("SMB2AESCMAC\0"). */
    public static byte[] cstr(String s) {
        return (s + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    /** The 3.0/3.0.2 signing key: KDF(SessionKey, "SMB2AESCMAC\0", "SmbSign\0"). */
    public static byte[] signingKey30(byte[] sessionKey) {
        return derive(sessionKey, cstr("SMB2AESCMAC"), cstr("SmbSign"));
    }

    /** The 3.1.1 signing key: KDF(SessionKey, "SMBSigningKey\0", PreauthIntegrityHashValue). */
    public static byte[] signingKey311(byte[] sessionKey, byte[] preauthHash) {
        return derive(sessionKey, cstr("SMBSigningKey"), preauthHash);
    }

    /** One step of the preauth hash: SHA-512(previous || message bytes). */
    public static byte[] preauthStep(byte[] previous, byte[] msg, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            md.update(previous);
            md.update(msg, off, len);
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-512 unavailable", e);
        }
    }
}
