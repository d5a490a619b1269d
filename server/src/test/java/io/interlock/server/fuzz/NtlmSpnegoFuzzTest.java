package io.interlock.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.interlock.server.runtime.UserConfig;
import io.interlock.server.smb2.auth.NtlmAuthenticator;
import io.interlock.server.smb2.auth.NtlmMessages;
import io.interlock.server.smb2.auth.Spnego;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import java.util.List;

/**
 * SPNEGO unwrapping and the NTLMSSP messages ([MS-NLMP] 2.2.1, [MS-SPNG]) as SESSION_SETUP sees
 * them: a token is unwrapped; a NEGOTIATE_MESSAGE gets a CHALLENGE; an AUTHENTICATE_MESSAGE is
 * verified (NTLMv2, AV pairs, MIC) against a configured user. Only Smb2ProtocolException may leave.
 */
class NtlmSpnegoFuzzTest {
    private static final byte[] CHALLENGE = {1, 2, 3, 4, 5, 6, 7, 8};

    @FuzzTest(maxDuration = "5s") // the build's bound; -Dfuzz.seconds overrides it (server/pom.xml)
    void ntlmSpnego(byte[] data) {
        FuzzStats.hit("NtlmSpnegoFuzzTest");
        byte[] token = Spnego.findNtlmToken(data);
        if (token == null) {
            return;
        }
        NtlmAuthenticator auth =
                new NtlmAuthenticator(List.of(new UserConfig("interlock", "interlock")), true, CHALLENGE);
        try {
            switch (NtlmMessages.messageType(token)) {
                case 1 -> auth.challenge(token);
                case 3 -> {
                    auth.challenge(NEGOTIATE);
                    auth.authenticate(token);
                }
                default -> {}
            }
        } catch (Smb2ProtocolException expected) {
            // LOGON_FAILURE / INVALID_PARAMETER
        }
    }

    private static final byte[] NEGOTIATE = {
        'N',
        'T',
        'L',
        'M',
        'S',
        'S',
        'P',
        0,
        1,
        0,
        0,
        0,
        0x35,
        (byte) 0x82,
        0x08,
        0x62,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0
    };
}
