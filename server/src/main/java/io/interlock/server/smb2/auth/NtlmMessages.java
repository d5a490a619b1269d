package io.interlock.server.smb2.auth;

import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.Smb2Reader;
import io.interlock.server.smb2.wire.Smb2Writer;
import java.nio.charset.StandardCharsets;

/** NTLMSSP message codecs ([MS-NLMP] 2.2.1). */
public final class NtlmMessages {
    static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);

    public static final int NEGOTIATE_UNICODE = 0x00000001;
    public static final int NEGOTIATE_OEM = 0x00000002;
    public static final int REQUEST_TARGET = 0x00000004;
    public static final int NEGOTIATE_SIGN = 0x00000010;
    public static final int NEGOTIATE_SEAL = 0x00000020;
    public static final int NEGOTIATE_NTLM = 0x00000200;
    public static final int NEGOTIATE_ANONYMOUS = 0x00000800;
    public static final int NEGOTIATE_ALWAYS_SIGN = 0x00008000;
    public static final int TARGET_TYPE_SERVER = 0x00020000;
    public static final int NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
    public static final int NEGOTIATE_TARGET_INFO = 0x00800000;
    public static final int NEGOTIATE_VERSION = 0x02000000;
    public static final int NEGOTIATE_128 = 0x20000000;
    public static final int NEGOTIATE_KEY_EXCH = 0x40000000;
    public static final int NEGOTIATE_56 = 0x80000000;

    private NtlmMessages() {}

    /** Message type (1, 2, 3) of an NTLMSSP message, or -1. */
    public static int messageType(byte[] msg) {
        if (msg.length < 12) {
            return -1;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (msg[i] != SIGNATURE[i]) {
                return -1;
            }
        }
        return (msg[8] & 0xFF) | (msg[9] & 0xFF) << 8 | (msg[10] & 0xFF) << 16 | (msg[11] & 0xFF) << 24;
    }

    /** NegotiateFlags of a NEGOTIATE_MESSAGE (2.2.1.1), 0 if too short. */
    public static int negotiateFlags(byte[] msg) {
        if (msg.length < 16) {
            return 0;
        }
        return (msg[12] & 0xFF) | (msg[13] & 0xFF) << 8 | (msg[14] & 0xFF) << 16 | (msg[15] & 0xFF) << 24;
    }

    /** CHALLENGE_MESSAGE (2.2.1.2), with Version, TargetName and TargetInfo. */
    public static byte[] challenge(int flags, byte[] serverChallenge, String targetName, byte[] targetInfo) {
        byte[] name = targetName.getBytes(StandardCharsets.UTF_16LE);
        int payload = 56;
        Smb2Writer w = new Smb2Writer(payload + name.length + targetInfo.length);
        w.bytes(SIGNATURE); // Signature (8 bytes)
        w.u32(2); // MessageType (4 bytes)
        w.u16(name.length).u16(name.length).u32(payload); // TargetNameFields (8 bytes)
        w.u32(flags); // NegotiateFlags (4 bytes)
        w.bytes(serverChallenge); // ServerChallenge (8 bytes)
        w.u64(0); // Reserved (8 bytes)
        w.u16(targetInfo.length).u16(targetInfo.length).u32(payload + name.length); // TargetInfoFields (8 bytes)
        w.bytes(new byte[] {6, 1, (byte) 0xb1, 0x1d, 0, 0, 0, 0x0f}); // Version (8 bytes): 6.1.7601, rev 15
        w.bytes(name);
        w.bytes(targetInfo);
        return w.toByteArray();
    }

    /** AV_PAIR list (2.2.2.1) with NetBIOS and DNS names and MsvAvEOL; no timestamp. */
    public static byte[] targetInfo(String netbiosDomain, String netbiosComputer) {
        Smb2Writer w = new Smb2Writer();
        avPair(w, 2, netbiosDomain); // MsvAvNbDomainName
        avPair(w, 1, netbiosComputer); // MsvAvNbComputerName
        avPair(w, 4, netbiosDomain.toLowerCase(java.util.Locale.ROOT)); // MsvAvDnsDomainName
        avPair(w, 3, netbiosComputer.toLowerCase(java.util.Locale.ROOT)); // MsvAvDnsComputerName
        w.u16(0).u16(0); // MsvAvEOL
        return w.toByteArray();
    }

    private static void avPair(Smb2Writer w, int id, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_16LE);
        w.u16(id).u16(v.length).bytes(v);
    }

    /**
     * AUTHENTICATE_MESSAGE (2.2.1.3).
     *
     * @param lmResponse LmChallengeResponse
     * @param ntResponse NtChallengeResponse
     * @param domain DomainName
     * @param user UserName
     * @param workstation Workstation
     * @param encryptedSessionKey EncryptedRandomSessionKey
     * @param flags NegotiateFlags
     */
    public record Authenticate(
            byte[] lmResponse,
            byte[] ntResponse,
            String domain,
            String user,
            String workstation,
            byte[] encryptedSessionKey,
            int flags) {

        public static Authenticate decode(byte[] msg) throws Smb2ProtocolException {
            Smb2Reader r = Smb2Reader.of(msg);
            r.skip(12); // Signature (8 bytes), MessageType (4 bytes)
            int[] lm = field(r); // LmChallengeResponseFields (8 bytes)
            int[] nt = field(r); // NtChallengeResponseFields (8 bytes)
            int[] dom = field(r); // DomainNameFields (8 bytes)
            int[] usr = field(r); // UserNameFields (8 bytes)
            int[] ws = field(r); // WorkstationFields (8 bytes)
            int[] key = field(r); // EncryptedRandomSessionKeyFields (8 bytes)
            int flags = r.u32(); // NegotiateFlags (4 bytes)
            boolean unicode = (flags & NEGOTIATE_UNICODE) != 0;
            return new Authenticate(
                    r.bufferAt(lm[1], lm[0]),
                    r.bufferAt(nt[1], nt[0]),
                    str(r, dom, unicode),
                    str(r, usr, unicode),
                    str(r, ws, unicode),
                    r.bufferAt(key[1], key[0]),
                    flags);
        }

        private static int[] field(Smb2Reader r) throws Smb2ProtocolException {
            int len = r.u16(); // Len
            r.u16(); // MaxLen
            int off = r.u32Length("BufferOffset"); // BufferOffset
            return new int[] {len, off};
        }

        private static String str(Smb2Reader r, int[] f, boolean unicode) throws Smb2ProtocolException {
            byte[] b = r.bufferAt(f[1], f[0] & (unicode ? ~1 : ~0));
            return new String(b, unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
        }
    }

    /** Where AUTHENTICATE_MESSAGE carries its MIC (2.2.1.3): after the 8-byte Version at 64. */
    public static final int MIC_OFFSET = 72;

    /** MsvAvFlags bit: the AUTHENTICATE_MESSAGE carries a MIC (2.2.2.1). */
    static final int AV_FLAG_MIC_PRESENT = 0x2;

    /**
     * Whether an NTLMv2 response's AV pairs (after NTProofStr (16), RespType, HiRespType,
     * Reserved1 (2), Reserved2 (4), TimeStamp (8), ChallengeFromClient (8), Reserved3 (4): offset
     * 44) hold MsvAvFlags with the MIC bit (2.2.2.7). A malformed list says no.
     */
    static boolean micPresent(byte[] ntResponse) {
        int at = 44;
        while (at + 4 <= ntResponse.length) {
            int id = (ntResponse[at] & 0xFF) | (ntResponse[at + 1] & 0xFF) << 8;
            int len = (ntResponse[at + 2] & 0xFF) | (ntResponse[at + 3] & 0xFF) << 8;
            at += 4;
            if (id == 0 || at + len > ntResponse.length) { // MsvAvEOL, or runs off the end
                return false;
            }
            if (id == 6 && len == 4) { // MsvAvFlags
                int v = (ntResponse[at] & 0xFF)
                        | (ntResponse[at + 1] & 0xFF) << 8
                        | (ntResponse[at + 2] & 0xFF) << 16
                        | (ntResponse[at + 3] & 0xFF) << 24;
                return (v & AV_FLAG_MIC_PRESENT) != 0;
            }
            at += len;
        }
        return false;
    }
}
