package io.interlock.server.smb2.auth;

import io.interlock.server.runtime.UserConfig;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one NTLMSSP exchange ([MS-NLMP] 3.2.5): answers the NEGOTIATE_MESSAGE with a
 * CHALLENGE_MESSAGE, then verifies the NTLMv2 response of the AUTHENTICATE_MESSAGE against the
 * configured users and derives the exported session key. NTLMv1 responses are refused. When the
 * client's AV pairs say the AUTHENTICATE_MESSAGE carries a MIC (MsvAvFlags bit 0x2), the MIC is
 * verified over all three messages with the exported key ([MS-NLMP] 3.2.5.1.2) and a wrong one
 * fails the logon. Not
 * thread-safe: one instance per SESSION_SETUP exchange, used on one connection lane.
 */
public final class NtlmAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(NtlmAuthenticator.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String DOMAIN = "INTERLOCK";
    public static final String COMPUTER = "INTERLOCK";

    private final List<UserConfig> users;
    private final boolean guestAllowed;
    private final byte[] serverChallenge;
    private int flags;
    /** The NEGOTIATE_MESSAGE and our CHALLENGE_MESSAGE, as sent: the MIC covers them. */
    private byte[] negotiateMessage = new byte[0];

    private byte[] challengeMessage = new byte[0];

    /** Outcome of the AUTHENTICATE step. */
    public record Result(boolean success, String user, boolean guest, boolean anonymous, byte[] sessionKey) {
        static Result failure() {
            return new Result(false, null, false, false, null);
        }
    }

    public NtlmAuthenticator(List<UserConfig> users, boolean guestAllowed) {
        this(users, guestAllowed, randomChallenge());
    }

    /** For tests: a fixed server challenge. */
    public NtlmAuthenticator(List<UserConfig> users, boolean guestAllowed, byte[] serverChallenge) {
        this.users = users;
        this.guestAllowed = guestAllowed;
        this.serverChallenge = serverChallenge.clone();
    }

    private static byte[] randomChallenge() {
        byte[] c = new byte[8];
        RANDOM.nextBytes(c);
        return c;
    }

    /** Builds the CHALLENGE_MESSAGE for a client's NEGOTIATE_MESSAGE. */
    public byte[] challenge(byte[] negotiate) {
        int cf = NtlmMessages.negotiateFlags(negotiate);
        int f = NtlmMessages.NEGOTIATE_UNICODE
                | NtlmMessages.REQUEST_TARGET
                | NtlmMessages.NEGOTIATE_NTLM
                | NtlmMessages.NEGOTIATE_ALWAYS_SIGN
                | NtlmMessages.TARGET_TYPE_SERVER
                | NtlmMessages.NEGOTIATE_TARGET_INFO
                | NtlmMessages.NEGOTIATE_VERSION;
        f |= cf
                & (NtlmMessages.NEGOTIATE_SIGN
                        | NtlmMessages.NEGOTIATE_SEAL
                        | NtlmMessages.NEGOTIATE_EXTENDED_SESSIONSECURITY
                        | NtlmMessages.NEGOTIATE_128
                        | NtlmMessages.NEGOTIATE_56
                        | NtlmMessages.NEGOTIATE_KEY_EXCH);
        flags = f;
        negotiateMessage = negotiate.clone();
        challengeMessage =
                NtlmMessages.challenge(f, serverChallenge, DOMAIN, NtlmMessages.targetInfo(DOMAIN, COMPUTER));
        return challengeMessage.clone();
    }

    /** Verifies an AUTHENTICATE_MESSAGE. */
    public Result authenticate(byte[] message) throws Smb2ProtocolException {
        NtlmMessages.Authenticate a = NtlmMessages.Authenticate.decode(message);
        boolean anonymous = a.user().isEmpty() && a.ntResponse().length == 0;
        if (anonymous) {
            log.debug("anonymous NTLM logon, guest {}", guestAllowed ? "allowed" : "refused");
            return guestAllowed ? new Result(true, "", true, true, null) : Result.failure();
        }
        UserConfig u = null;
        for (UserConfig c : users) {
            if (c.name().equalsIgnoreCase(a.user())) {
                u = c;
                break;
            }
        }
        if (u == null) {
            log.debug("unknown user '{}', guest {}", a.user(), guestAllowed ? "allowed" : "refused");
            return guestAllowed ? new Result(true, a.user(), true, false, null) : Result.failure();
        }
        if (a.ntResponse().length <= 24) {
            log.debug("user '{}' sent an NTLMv1 response: refused", a.user());
            return Result.failure();
        }
        byte[] sessionKey = verifyNtlmV2(NtlmCrypto.ntHash(u.password()), a);
        if (sessionKey == null) {
            log.debug("wrong password for user '{}'", a.user());
            return Result.failure();
        }
        if (!micValid(message, a, sessionKey)) {
            log.info("user '{}': NTLM MIC does not match, logon refused ([MS-NLMP] 3.2.5.1.2)", a.user());
            return Result.failure();
        }
        return new Result(true, u.name(), false, false, sessionKey);
    }

    /**
     * [MS-NLMP] 3.2.5.1.2: when the NTLMv2 response's AV pairs hold MsvAvFlags with 0x2, the
     * message carries a MIC (16 bytes at offset 72, after the Version field) equal to
     * HMAC_MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE with the MIC zeroed).
     * Without that flag there is nothing to verify.
     */
    private boolean micValid(byte[] message, NtlmMessages.Authenticate a, byte[] exportedKey) {
        if (!NtlmMessages.micPresent(a.ntResponse())) {
            return true;
        }
        if (message.length < NtlmMessages.MIC_OFFSET + 16) {
            return false;
        }
        byte[] zeroed = message.clone();
        java.util.Arrays.fill(zeroed, NtlmMessages.MIC_OFFSET, NtlmMessages.MIC_OFFSET + 16, (byte) 0);
        byte[] expected = NtlmCrypto.hmacMd5(exportedKey, negotiateMessage, challengeMessage, zeroed);
        byte[] got = java.util.Arrays.copyOfRange(message, NtlmMessages.MIC_OFFSET, NtlmMessages.MIC_OFFSET + 16);
        return MessageDigest.isEqual(expected, got);
    }

    /** Returns the exported session key when the NTLMv2 response is right, else null. */
    byte[] verifyNtlmV2(byte[] ntHash, NtlmMessages.Authenticate a) {
        byte[] nt = a.ntResponse();
        byte[] proof = java.util.Arrays.copyOf(nt, 16);
        byte[] temp = java.util.Arrays.copyOfRange(nt, 16, nt.length);
        List<String> domains = new ArrayList<>(List.of(a.domain(), a.domain().toUpperCase(Locale.ROOT), ""));
        for (String d : domains) {
            byte[] owf = NtlmCrypto.ntowfv2(ntHash, a.user(), d);
            byte[] expected = NtlmCrypto.ntProof(owf, serverChallenge, temp);
            if (MessageDigest.isEqual(expected, proof)) {
                byte[] base = NtlmCrypto.sessionBaseKey(owf, proof);
                int f = flags == 0 ? a.flags() : flags & a.flags();
                if ((f & NtlmMessages.NEGOTIATE_KEY_EXCH) != 0 && a.encryptedSessionKey().length == 16) {
                    return NtlmCrypto.rc4(base, a.encryptedSessionKey());
                }
                return base;
            }
        }
        return null;
    }
}
