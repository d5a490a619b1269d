package io.interlock.suite.smb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * The client side of NTLMv2 ([MS-NLMP] 3.1.5, 3.3.2): NEGOTIATE_MESSAGE, then an AUTHENTICATE_MESSAGE
 * answering the server's CHALLENGE_MESSAGE. No key exchange and no MIC: the session key is the
 * SessionBaseKey, which is all SMB2 signing needs.
 */
final class Ntlmv2 {
    private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    static final int NEGOTIATE_UNICODE = 0x00000001;
    static final int REQUEST_TARGET = 0x00000004;
    static final int NEGOTIATE_NTLM = 0x00000200;
    static final int NEGOTIATE_ALWAYS_SIGN = 0x00008000;
    static final int NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
    static final int NEGOTIATE_TARGET_INFO = 0x00800000;
    static final int NEGOTIATE_128 = 0x20000000;
    static final int NEGOTIATE_56 = 0x80000000;
    private static final int FLAGS = NEGOTIATE_UNICODE
            | REQUEST_TARGET
            | NEGOTIATE_NTLM
            | NEGOTIATE_ALWAYS_SIGN
            | NEGOTIATE_EXTENDED_SESSIONSECURITY
            | NEGOTIATE_TARGET_INFO
            | NEGOTIATE_128
            | NEGOTIATE_56;

    private final SecureRandom random = new SecureRandom();
    private byte[] sessionKey;

    /** The session key of the last AUTHENTICATE: SessionBaseKey (no key exchange), 3.3.2. */
    byte[] sessionKey() {
        return sessionKey;
    }

    /** NEGOTIATE_MESSAGE (2.2.1.1) with empty domain and workstation. */
    byte[] negotiate() {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.put(SIGNATURE); // Signature (8 bytes)
        b.putInt(1); // MessageType (4 bytes)
        b.putInt(FLAGS); // NegotiateFlags (4 bytes)
        b.putShort((short) 0).putShort((short) 0).putInt(32); // DomainNameFields (8 bytes)
        b.putShort((short) 0).putShort((short) 0).putInt(32); // WorkstationFields (8 bytes)
        return b.array();
    }

    /**
     * AUTHENTICATE_MESSAGE (2.2.1.3) for {@code user}/{@code password} answering {@code challenge}, a
     * CHALLENGE_MESSAGE (2.2.1.2).
     */
    byte[] authenticate(byte[] challenge, String user, String domain, String password) {
        ByteBuffer c = ByteBuffer.wrap(challenge).order(ByteOrder.LITTLE_ENDIAN);
        if (challenge.length < 48 || !Arrays.equals(Arrays.copyOf(challenge, 8), SIGNATURE) || c.getInt(8) != 2) {
            throw new IllegalArgumentException("not an NTLM CHALLENGE_MESSAGE");
        }
        int serverFlags = c.getInt(20); // NegotiateFlags (4 bytes at 20)
        byte[] serverChallenge = Arrays.copyOfRange(challenge, 24, 32); // ServerChallenge (8 bytes at 24)
        int tiLen = Short.toUnsignedInt(c.getShort(40)); // TargetInfoFields.Len (2 bytes at 40)
        int tiOff = c.getInt(44); // TargetInfoFields.BufferOffset (4 bytes at 44)
        byte[] targetInfo = Arrays.copyOfRange(challenge, tiOff, tiOff + tiLen);

        byte[] ntowf = hmacMd5(md4(utf16(password)), utf16(user.toUpperCase(Locale.ROOT) + domain));
        byte[] clientChallenge = new byte[8];
        random.nextBytes(clientChallenge);
        long filetime = (System.currentTimeMillis() + 11_644_473_600_000L) * 10_000L;
        ByteBuffer temp = ByteBuffer.allocate(28 + targetInfo.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        temp.put((byte) 1).put((byte) 1); // RespType, HiRespType
        temp.putShort((short) 0).putInt(0); // Reserved1, Reserved2
        temp.putLong(filetime); // TimeStamp
        temp.put(clientChallenge); // ChallengeFromClient
        temp.putInt(0); // Reserved3
        temp.put(targetInfo); // AvPairs
        temp.putInt(0); // trailing zero
        byte[] blob = temp.array();
        byte[] proof = hmacMd5(ntowf, concat(serverChallenge, blob));
        byte[] nt = concat(proof, blob);
        sessionKey = hmacMd5(ntowf, proof);
        byte[] lm = new byte[24];

        byte[] dom = utf16(domain);
        byte[] usr = utf16(user);
        byte[] ws = utf16("INTERLOCK");
        int off = 72;
        ByteBuffer b = ByteBuffer.allocate(off + lm.length + nt.length + dom.length + usr.length + ws.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(SIGNATURE); // Signature
        b.putInt(3); // MessageType
        off = field(b, lm.length, off); // LmChallengeResponseFields
        off = field(b, nt.length, off); // NtChallengeResponseFields
        off = field(b, dom.length, off); // DomainNameFields
        off = field(b, usr.length, off); // UserNameFields
        off = field(b, ws.length, off); // WorkstationFields
        field(b, 0, off); // EncryptedRandomSessionKeyFields
        b.putInt(FLAGS & serverFlags | NEGOTIATE_UNICODE); // NegotiateFlags
        b.put(new byte[8]); // Version (unused: NEGOTIATE_VERSION not set)
        b.put(lm).put(nt).put(dom).put(usr).put(ws);
        return b.array();
    }

    private static int field(ByteBuffer b, int len, int off) {
        b.putShort((short) len).putShort((short) len).putInt(off);
        return off + len;
    }

    private static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    private static byte[] md4(byte[] in) {
        MD4Digest d = new MD4Digest();
        d.update(in, 0, in.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    private static byte[] hmacMd5(byte[] key, byte[] data) {
        try {
            Mac m = Mac.getInstance("HmacMD5");
            m.init(new SecretKeySpec(key, "HmacMD5"));
            return m.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
