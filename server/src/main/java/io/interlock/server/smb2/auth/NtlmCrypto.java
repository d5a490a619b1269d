package io.interlock.server.smb2.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/** The NTLM primitives of [MS-NLMP] 3.3.2 (NTLMv2) and 3.4.4 (key exchange). */
public final class NtlmCrypto {
    private NtlmCrypto() {}

    /** NTOWFv1: MD4 of the UTF-16LE password (the "NT hash"). */
    public static byte[] ntHash(String password) {
        byte[] p = password.getBytes(StandardCharsets.UTF_16LE);
        MD4Digest md4 = new MD4Digest();
        md4.update(p, 0, p.length);
        byte[] out = new byte[16];
        md4.doFinal(out, 0);
        return out;
    }

    /** NTOWFv2 = HMAC_MD5(NTOWFv1(password), UNICODE(Uppercase(user) + domain)). */
    public static byte[] ntowfv2(byte[] ntHash, String user, String domain) {
        return hmacMd5(ntHash, (user.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE));
    }

    /** NTProofStr = HMAC_MD5(NTOWFv2, ServerChallenge || temp). */
    public static byte[] ntProof(byte[] ntowfv2, byte[] serverChallenge, byte[] temp) {
        return hmacMd5(ntowfv2, serverChallenge, temp);
    }

    /** SessionBaseKey = HMAC_MD5(NTOWFv2, NTProofStr). */
    public static byte[] sessionBaseKey(byte[] ntowfv2, byte[] ntProof) {
        return hmacMd5(ntowfv2, ntProof);
    }

    public static byte[] hmacMd5(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }

    /** RC4(key, data): used to decrypt EncryptedRandomSessionKey (KEY_EXCH). */
    public static byte[] rc4(byte[] key, byte[] data) {
        RC4Engine rc4 = new RC4Engine();
        rc4.init(true, new KeyParameter(key));
        byte[] out = new byte[data.length];
        rc4.processBytes(data, 0, data.length, out, 0);
        return out;
    }
}
