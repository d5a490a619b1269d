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
        return derive(key, label, context, 16);
    }

    /**
     * KDF(Ki, Label, Context) with L = 8 * {@code length} bits; one HMAC-SHA256 block covers the
     * 128- and 256-bit keys SMB uses.
     */
    public static byte[] derive(byte[] key, byte[] label, byte[] context, int length) {
        if (length != 16 && length != 32) {
            throw new IllegalArgumentException("key length " + length);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(new byte[] {0, 0, 0, 1}); // i = 1
            mac.update(label);
            mac.update((byte) 0); // separator
            mac.update(context);
            int bits = length * 8;
            mac.update(new byte[] {0, 0, (byte) (bits >>> 8), (byte) bits}); // L
            return java.util.Arrays.copyOf(mac.doFinal(), length);
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

    /**
     * Server-to-client encryption key: 3.0/3.0.2 KDF(SessionKey, "SMB2AESCCM\0", "ServerOut\0"),
     * 3.1.1 KDF(SessionKey, "SMBS2CCipherKey\0", PreauthIntegrityHashValue) ([MS-SMB2] 3.3.5.5.3).
     */
    public static byte[] serverOutKey(byte[] sessionKey, byte[] preauthHash, Smb2Cipher c) {
        return preauthHash == null
                ? derive(sessionKey, cstr("SMB2AESCCM"), cstr("ServerOut"), c.keyLength())
                : derive(sessionKey, cstr("SMBS2CCipherKey"), preauthHash, c.keyLength());
    }

    /**
     * Client-to-server decryption key: 3.0/3.0.2 KDF(SessionKey, "SMB2AESCCM\0", "ServerIn \0")
     * (with the space), 3.1.1 KDF(SessionKey, "SMBC2SCipherKey\0", PreauthIntegrityHashValue).
     */
    public static byte[] serverInKey(byte[] sessionKey, byte[] preauthHash, Smb2Cipher c) {
        return preauthHash == null
                ? derive(sessionKey, cstr("SMB2AESCCM"), cstr("ServerIn "), c.keyLength())
                : derive(sessionKey, cstr("SMBC2SCipherKey"), preauthHash, c.keyLength());
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
