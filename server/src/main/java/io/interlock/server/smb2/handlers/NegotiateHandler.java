package io.interlock.server.smb2.handlers;

import io.interlock.server.smb2.auth.Smb2Cipher;
import io.interlock.server.smb2.auth.Smb3Kdf;
import io.interlock.server.smb2.auth.Spnego;
import io.interlock.server.smb2.wire.NegotiateRequest;
import io.interlock.server.smb2.wire.NegotiateRequest.NegotiateContext;
import io.interlock.server.smb2.wire.NegotiateResponse;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.Smb2Dialect;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.Smb2Reader;
import io.interlock.server.smb2.wire.Smb2Writer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * NEGOTIATE ([MS-SMB2] 3.3.5.4): picks the highest common dialect, answers the 3.1.1 preauth
 * integrity context (SHA-512) and the encryption context (the first cipher of the client's list we
 * support; 3.0/3.0.2 use AES-128-CCM with SMB2_GLOBAL_CAP_ENCRYPTION), and starts the connection's
 * preauth hash.
 */
final class NegotiateHandler implements Smb2Handler {
    private static final int SHA_512 = 0x0001;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Smb2Services svc;

    NegotiateHandler(Smb2Services svc) {
        this.svc = svc;
    }

    @Override
    public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException {
        if (req.conn().negotiated()) {
            req.conn().transport().close(); // a second NEGOTIATE ends the connection (3.3.5.3)
            throw Smb2ProtocolException.invalid("second NEGOTIATE");
        }
        NegotiateRequest r = NegotiateRequest.decode(req.body());
        Smb2Dialect chosen = null;
        for (int d : r.dialects()) {
            Smb2Dialect cand = Smb2Dialect.of(d);
            if (cand != null && (chosen == null || cand.compareTo(chosen) > 0)) {
                chosen = cand;
            }
        }
        if (chosen == null) {
            return Smb2Reply.error(NtStatus.STATUS_NOT_SUPPORTED);
        }
        List<NegotiateContext> contexts = new ArrayList<>();
        if (chosen == Smb2Dialect.SMB_3_1_1) {
            NegotiateContext preauth = null;
            for (NegotiateContext c : r.contexts()) {
                if (c.type() == NegotiateContext.PREAUTH_INTEGRITY_CAPABILITIES) {
                    preauth = c;
                }
            }
            if (preauth == null || !offersSha512(preauth.data())) {
                throw Smb2ProtocolException.invalid("3.1.1 without SHA-512 preauth integrity");
            }
            byte[] salt = new byte[32];
            RANDOM.nextBytes(salt);
            Smb2Writer pw = new Smb2Writer();
            pw.u16(1); // HashAlgorithmCount (2 bytes)
            pw.u16(salt.length); // SaltLength (2 bytes)
            pw.u16(SHA_512); // HashAlgorithms (2 bytes)
            pw.bytes(salt); // Salt
            contexts.add(new NegotiateContext(NegotiateContext.PREAUTH_INTEGRITY_CAPABILITIES, pw.toByteArray()));
            req.conn().preauthHash(Smb3Kdf.preauthStep(new byte[64], req.frame(), req.start(), req.length()));
            for (NegotiateContext c : r.contexts()) {
                if (c.type() == NegotiateContext.ENCRYPTION_CAPABILITIES) {
                    Smb2Cipher cipher = pickCipher(c.data());
                    req.conn().cipher(cipher);
                    Smb2Writer ew = new Smb2Writer();
                    ew.u16(1); // CipherCount (2 bytes)
                    ew.u16(cipher == null ? 0 : cipher.id()); // Ciphers (2 bytes): 0 = no common cipher
                    contexts.add(new NegotiateContext(NegotiateContext.ENCRYPTION_CAPABILITIES, ew.toByteArray()));
                }
            }
        } else if (chosen.isSmb3() && (r.capabilities() & NegotiateResponse.CAP_ENCRYPTION) != 0) {
            req.conn().cipher(Smb2Cipher.AES_128_CCM); // 3.0 / 3.0.2: CCM only (3.3.5.4)
        }
        int secMode = NegotiateResponse.SIGNING_ENABLED
                | (svc.config().signingRequired() ? NegotiateResponse.SIGNING_REQUIRED : 0);
        int caps =
                chosen == Smb2Dialect.SMB_2_0_2 ? 0 : NegotiateResponse.CAP_LEASING | NegotiateResponse.CAP_LARGE_MTU;
        if (chosen.isSmb3()) {
            caps |= NegotiateResponse.CAP_DIRECTORY_LEASING; // [MS-SMB2] 2.2.4: SMB 3.x only
        }
        if (chosen.isSmb3() && chosen != Smb2Dialect.SMB_3_1_1 && req.conn().cipher() != null) {
            caps |= NegotiateResponse.CAP_ENCRYPTION;
        }
        int max = chosen == Smb2Dialect.SMB_2_0_2 ? 65536 : Smb2Services.MAX_IO;
        req.conn().negotiate(chosen, r.clientGuid(), r.capabilities(), r.securityMode(), secMode, caps);
        svc.connections().bind(req.conn(), r.clientGuid());
        NegotiateResponse resp = new NegotiateResponse(
                secMode,
                chosen.value(),
                svc.serverGuid(),
                caps,
                max,
                max,
                max,
                Smb2Times.filetime(svc.clock().instant()),
                Spnego.negTokenInit2(),
                contexts);
        boolean hash = chosen == Smb2Dialect.SMB_3_1_1;
        return new Smb2Reply(
                NtStatus.STATUS_SUCCESS,
                resp,
                null,
                null,
                hash
                        ? msg -> {
                            req.conn()
                                    .preauthHash(Smb3Kdf.preauthStep(req.conn().preauthHash(), msg, 0, msg.length));
                        }
                        : null);
    }

    /** The first cipher of the client's list that we support, or null ([MS-SMB2] 3.3.5.4). */
    private static Smb2Cipher pickCipher(byte[] data) throws Smb2ProtocolException {
        Smb2Reader r = Smb2Reader.of(data);
        int count = r.u16(); // CipherCount
        for (int i = 0; i < count; i++) {
            Smb2Cipher c = Smb2Cipher.of(r.u16()); // Ciphers
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static boolean offersSha512(byte[] data) throws Smb2ProtocolException {
        Smb2Reader r = Smb2Reader.of(data);
        int count = r.u16(); // HashAlgorithmCount
        r.u16(); // SaltLength
        for (int i = 0; i < count; i++) {
            if (r.u16() == SHA_512) {
                return true;
            }
        }
        return false;
    }
}
