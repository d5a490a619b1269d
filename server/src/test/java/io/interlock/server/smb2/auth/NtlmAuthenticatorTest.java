package io.interlock.server.smb2.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.runtime.UserConfig;
import io.interlock.server.smb2.wire.Smb2Writer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NTLMv2 against the [MS-NLMP] 4.2.4 test vectors (User/Domain/Password, challenge 0123456789abcdef). */
class NtlmAuthenticatorTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SERVER_CHALLENGE = HEX.parseHex("0123456789abcdef");
    private static final byte[] ENCRYPTED_SESSION_KEY = HEX.parseHex("c5dad2544fc9799094ce1ce90bc9d03e");

    /** The NTLMv2 "temp" blob of 4.2.4.1.3: time 0, client challenge aa.., AV pairs Domain/Server. */
    private static byte[] temp() {
        Smb2Writer w = new Smb2Writer();
        w.u8(1).u8(1).zeros(6); // RespType, HiRespType, Reserved
        w.u64(0); // Time
        w.bytes(HEX.parseHex("aaaaaaaaaaaaaaaa")); // ClientChallenge
        w.u32(0);
        byte[] dom = "Domain".getBytes(StandardCharsets.UTF_16LE);
        byte[] srv = "Server".getBytes(StandardCharsets.UTF_16LE);
        w.u16(2).u16(dom.length).bytes(dom);
        w.u16(1).u16(srv.length).bytes(srv);
        w.u16(0).u16(0);
        w.u32(0);
        return w.toByteArray();
    }

    @Test
    void ntlmv2Primitives_specVector_matchMsNlmp424() {
        byte[] owf = NtlmCrypto.ntowfv2(NtlmCrypto.ntHash("Password"), "User", "Domain");
        assertThat(HEX.formatHex(owf)).isEqualTo("0c868a403bfd7a93a3001ef22ef02e3f");
        byte[] proof = NtlmCrypto.ntProof(owf, SERVER_CHALLENGE, temp());
        assertThat(HEX.formatHex(proof)).isEqualTo("68cd0ab851e51c96aabc927bebef6a1c");
        byte[] base = NtlmCrypto.sessionBaseKey(owf, proof);
        assertThat(HEX.formatHex(base)).isEqualTo("8de40ccadbc14a82f15cb0ad0de95ca3");
        assertThat(HEX.formatHex(NtlmCrypto.rc4(base, HEX.parseHex("55555555555555555555555555555555"))))
                .isEqualTo("c5dad2544fc9799094ce1ce90bc9d03e");
    }

    private static byte[] authenticate(String user, String domain, byte[] nt) {
        byte[] u = user.getBytes(StandardCharsets.UTF_16LE);
        byte[] d = domain.getBytes(StandardCharsets.UTF_16LE);
        int off = 88;
        Smb2Writer w = new Smb2Writer();
        w.bytes("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).u32(3);
        w.u16(0).u16(0).u32(off); // LmChallengeResponse
        w.u16(nt.length).u16(nt.length).u32(off); // NtChallengeResponse
        w.u16(d.length).u16(d.length).u32(off + nt.length); // DomainName
        w.u16(u.length).u16(u.length).u32(off + nt.length + d.length); // UserName
        w.u16(0).u16(0).u32(off + nt.length + d.length + u.length); // Workstation
        w.u16(16).u16(16).u32(off + nt.length + d.length + u.length); // EncryptedRandomSessionKey
        w.u32(NtlmMessages.NEGOTIATE_UNICODE
                | NtlmMessages.NEGOTIATE_KEY_EXCH
                | NtlmMessages.NEGOTIATE_EXTENDED_SESSIONSECURITY);
        w.zeros(24); // Version, MIC
        w.bytes(nt).bytes(d).bytes(u).bytes(ENCRYPTED_SESSION_KEY);
        return w.toByteArray();
    }

    private static byte[] negotiate() {
        return new Smb2Writer()
                .bytes("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII))
                .u32(1)
                .u32(NtlmMessages.NEGOTIATE_UNICODE
                        | NtlmMessages.NEGOTIATE_KEY_EXCH
                        | NtlmMessages.NEGOTIATE_EXTENDED_SESSIONSECURITY)
                .zeros(16)
                .toByteArray();
    }

    private static byte[] ntResponse() {
        byte[] owf = NtlmCrypto.ntowfv2(NtlmCrypto.ntHash("Password"), "User", "Domain");
        byte[] t = temp();
        byte[] proof = NtlmCrypto.ntProof(owf, SERVER_CHALLENGE, t);
        byte[] nt = new byte[16 + t.length];
        System.arraycopy(proof, 0, nt, 0, 16);
        System.arraycopy(t, 0, nt, 16, t.length);
        return nt;
    }

    @Test
    void authenticate_specVectorRightPassword_succeedsWithExportedKey() throws Exception {
        NtlmAuthenticator a =
                new NtlmAuthenticator(List.of(new UserConfig("user", "Password")), false, SERVER_CHALLENGE);
        byte[] challenge = a.challenge(negotiate());
        assertThat(NtlmMessages.messageType(challenge)).isEqualTo(2);
        NtlmAuthenticator.Result r = a.authenticate(authenticate("User", "Domain", ntResponse()));
        assertThat(r.success()).isTrue();
        assertThat(r.guest()).isFalse();
        assertThat(HEX.formatHex(r.sessionKey())).isEqualTo("55555555555555555555555555555555");
    }

    @Test
    void authenticate_wrongPassword_fails() throws Exception {
        NtlmAuthenticator a = new NtlmAuthenticator(List.of(new UserConfig("User", "Other")), false, SERVER_CHALLENGE);
        a.challenge(negotiate());
        assertThat(a.authenticate(authenticate("User", "Domain", ntResponse())).success())
                .isFalse();
    }

    @Test
    void authenticate_unknownUser_guestOnlyWhenAllowed() throws Exception {
        NtlmAuthenticator strict = new NtlmAuthenticator(List.of(), false, SERVER_CHALLENGE);
        strict.challenge(negotiate());
        assertThat(strict.authenticate(authenticate("User", "Domain", ntResponse()))
                        .success())
                .isFalse();
        NtlmAuthenticator lax = new NtlmAuthenticator(List.of(), true, SERVER_CHALLENGE);
        lax.challenge(negotiate());
        NtlmAuthenticator.Result r = lax.authenticate(authenticate("User", "Domain", ntResponse()));
        assertThat(r.success()).isTrue();
        assertThat(r.guest()).isTrue();
        assertThat(r.sessionKey()).isNull();
    }

    @Test
    void spnego_negTokenInitWrapping_findsNtlmToken() {
        byte[] ntlm = negotiate();
        byte[] wrapped = Spnego.negTokenResp(Spnego.ACCEPT_INCOMPLETE, true, ntlm, null);
        assertThat(Spnego.findNtlmToken(wrapped)).isEqualTo(ntlm);
        assertThat(Spnego.findNtlmToken(ntlm)).isSameAs(ntlm);
        assertThat(Spnego.findNtlmToken(new byte[] {0x60, (byte) 0x85, 1})).isNull();
    }
    /** temp() with an MsvAvFlags pair whose 0x2 bit says the AUTHENTICATE_MESSAGE carries a MIC. */
    private static byte[] tempWithMicFlag() {
        Smb2Writer w = new Smb2Writer();
        w.u8(1).u8(1).zeros(6);
        w.u64(0);
        w.bytes(HEX.parseHex("aaaaaaaaaaaaaaaa"));
        w.u32(0);
        byte[] dom = "Domain".getBytes(StandardCharsets.UTF_16LE);
        byte[] srv = "Server".getBytes(StandardCharsets.UTF_16LE);
        w.u16(2).u16(dom.length).bytes(dom);
        w.u16(1).u16(srv.length).bytes(srv);
        w.u16(6).u16(4).u32(2); // MsvAvFlags: MIC present
        w.u16(0).u16(0);
        w.u32(0);
        return w.toByteArray();
    }

    private static byte[] ntResponse(byte[] t) {
        byte[] owf = NtlmCrypto.ntowfv2(NtlmCrypto.ntHash("Password"), "User", "Domain");
        byte[] proof = NtlmCrypto.ntProof(owf, SERVER_CHALLENGE, t);
        byte[] nt = new byte[16 + t.length];
        System.arraycopy(proof, 0, nt, 0, 16);
        System.arraycopy(t, 0, nt, 16, t.length);
        return nt;
    }

    private static byte[] withMic(byte[] auth, byte[] mic) {
        byte[] out = auth.clone();
        System.arraycopy(mic, 0, out, 72, 16);
        return out;
    }

    @Test
    void authenticate_micFlaggedButRandomMic_fails() throws Exception {
        NtlmAuthenticator a =
                new NtlmAuthenticator(List.of(new UserConfig("user", "Password")), false, SERVER_CHALLENGE);
        a.challenge(negotiate());
        byte[] random = HEX.parseHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        byte[] auth = withMic(authenticate("User", "Domain", ntResponse(tempWithMicFlag())), random);
        assertThat(a.authenticate(auth).success())
                .as("[MS-NLMP] 3.2.5.1.2: a wrong MIC is refused")
                .isFalse();
    }

    @Test
    void authenticate_micFlaggedAndRightMic_succeeds() throws Exception {
        NtlmAuthenticator a =
                new NtlmAuthenticator(List.of(new UserConfig("user", "Password")), false, SERVER_CHALLENGE);
        byte[] neg = negotiate();
        byte[] challenge = a.challenge(neg);
        byte[] auth = authenticate("User", "Domain", ntResponse(tempWithMicFlag()));
        byte[] owf = NtlmCrypto.ntowfv2(NtlmCrypto.ntHash("Password"), "User", "Domain");
        byte[] proof = java.util.Arrays.copyOf(ntResponse(tempWithMicFlag()), 16);
        byte[] exported = NtlmCrypto.rc4(NtlmCrypto.sessionBaseKey(owf, proof), ENCRYPTED_SESSION_KEY);
        byte[] mic = NtlmCrypto.hmacMd5(exported, neg, challenge, auth); // MIC field still zero
        NtlmAuthenticator.Result r = a.authenticate(withMic(auth, mic));
        assertThat(r.success()).isTrue();
        assertThat(r.sessionKey()).isEqualTo(exported);
    }
}
