package io.interlock.server.smb2.handlers;

import io.interlock.server.smb2.auth.NtlmAuthenticator;
import io.interlock.server.smb2.auth.NtlmMessages;
import io.interlock.server.smb2.auth.Smb2Cipher;
import io.interlock.server.smb2.auth.Smb2Signing;
import io.interlock.server.smb2.auth.Smb3Kdf;
import io.interlock.server.smb2.auth.Spnego;
import io.interlock.server.smb2.session.Smb2Connection;
import io.interlock.server.smb2.session.Smb2Session;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.SessionSetupRequest;
import io.interlock.server.smb2.wire.SessionSetupResponse;
import io.interlock.server.smb2.wire.Smb2Dialect;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SESSION_SETUP ([MS-SMB2] 3.3.5.5): NTLMSSP inside SPNEGO (or raw), two round trips. On success
 * derives the signing key for the dialect (2.x: the session key with HMAC-SHA256; 3.0/3.0.2: KDF
 * "SMB2AESCMAC"/"SmbSign"; 3.1.1: KDF "SMBSigningKey" over the preauth hash) and has the final
 * response signed when 3.1.1 or when the session requires signing (3.3.5.5.3).
 */
final class SessionSetupHandler implements Smb2Handler {
    private static final Logger log = LoggerFactory.getLogger(SessionSetupHandler.class);

    private final Smb2Services svc;

    SessionSetupHandler(Smb2Services svc) {
        this.svc = svc;
    }

    @Override
    public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException {
        Smb2Connection conn = req.conn();
        SessionSetupRequest r = SessionSetupRequest.decode(req.body());
        if ((r.flags() & SessionSetupRequest.FLAG_BINDING) != 0) {
            return Smb2Reply.error(NtStatus.STATUS_REQUEST_NOT_ACCEPTED); // no multichannel
        }
        Smb2Session s;
        long id = req.header().sessionId();
        if (id == 0) {
            s = new Smb2Session(svc.nextId());
            conn.sessions().put(s.id(), s);
        } else {
            s = conn.sessions().get(id);
            if (s == null) {
                return Smb2Reply.error(NtStatus.STATUS_USER_SESSION_DELETED);
            }
        }
        req.chain().ids(s.id(), 0);
        boolean v311 = conn.dialect() == Smb2Dialect.SMB_3_1_1;
        if (v311) {
            byte[] base = s.preauthHash() != null && !s.valid() ? s.preauthHash() : conn.preauthHash();
            s.preauthHash(Smb3Kdf.preauthStep(base, req.frame(), req.start(), req.length()));
        }
        byte[] token = Spnego.findNtlmToken(r.securityBuffer());
        boolean raw = token != null && token == r.securityBuffer();
        int type = token == null ? -1 : NtlmMessages.messageType(token);
        if (type == 1) {
            NtlmAuthenticator ntlm =
                    new NtlmAuthenticator(svc.config().users(), svc.config().guest());
            s.ntlm(ntlm);
            byte[] challenge = ntlm.challenge(token);
            byte[] out = raw ? challenge : Spnego.negTokenResp(Spnego.ACCEPT_INCOMPLETE, true, challenge, null);
            Consumer<byte[]> hash =
                    v311 ? msg -> s.preauthHash(Smb3Kdf.preauthStep(s.preauthHash(), msg, 0, msg.length)) : null;
            return new Smb2Reply(
                    NtStatus.STATUS_MORE_PROCESSING_REQUIRED, new SessionSetupResponse(0, out), null, null, hash);
        }
        if (type != 3 || s.ntlm() == null) {
            log.debug("{}: session setup without a usable NTLMSSP token (type {})", conn, type);
            drop(conn, s);
            return Smb2Reply.error(NtStatus.STATUS_LOGON_FAILURE);
        }
        NtlmAuthenticator.Result res = s.ntlm().authenticate(token);
        if (!res.success()) {
            log.info("{}: logon failure", conn);
            drop(conn, s);
            return Smb2Reply.error(NtStatus.STATUS_LOGON_FAILURE);
        }
        int flags = 0;
        if (res.guest()) {
            s.establish(res.user(), true, null, null, false);
            flags = res.anonymous() ? SessionSetupResponse.IS_NULL : SessionSetupResponse.IS_GUEST;
        } else {
            byte[] key = res.sessionKey();
            Smb2Dialect d = conn.dialect();
            byte[] signingKey;
            Smb2Signing.Algorithm alg;
            if (!d.isSmb3()) {
                signingKey = key;
                alg = Smb2Signing.Algorithm.HMAC_SHA256;
            } else if (d == Smb2Dialect.SMB_3_1_1) {
                signingKey = Smb3Kdf.signingKey311(key, s.preauthHash());
                alg = Smb2Signing.Algorithm.AES_CMAC;
            } else {
                signingKey = Smb3Kdf.signingKey30(key);
                alg = Smb2Signing.Algorithm.AES_CMAC;
            }
            boolean required = svc.config().signingRequired()
                    || (r.securityMode() & io.interlock.server.smb2.wire.NegotiateResponse.SIGNING_REQUIRED) != 0;
            s.establish(res.user(), false, signingKey, alg, required);
            Smb2Cipher cipher = conn.cipher();
            if (cipher != null) {
                byte[] hash = d == Smb2Dialect.SMB_3_1_1 ? s.preauthHash() : null;
                boolean encrypt = svc.options().encryptionRequired();
                s.encryption(Smb3Kdf.serverOutKey(key, hash, cipher), Smb3Kdf.serverInKey(key, hash, cipher), encrypt);
                if (encrypt) {
                    flags |= SessionSetupResponse.ENCRYPT_DATA;
                }
            } else if (svc.options().encryptionRequired()) {
                log.info("{}: refused: encryption required and the client cannot encrypt", conn);
                conn.sessions().remove(s.id());
                return Smb2Reply.error(NtStatus.STATUS_ACCESS_DENIED);
            }
        }
        log.debug("{}: session {} established for '{}'{}", conn, s.id(), res.user(), res.guest() ? " (guest)" : "");
        conn.transport().loggedIn(); // the connection's pre-login limits end
        byte[] out = raw ? new byte[0] : Spnego.negTokenResp(Spnego.ACCEPT_COMPLETED, false, null, null);
        boolean sign = s.signingKey() != null && (v311 || s.signingRequired());
        return new Smb2Reply(
                NtStatus.STATUS_SUCCESS, new SessionSetupResponse(flags, out), null, sign ? s : null, null);
    }

    private static void drop(Smb2Connection conn, Smb2Session s) {
        if (!s.valid()) {
            conn.sessions().remove(s.id());
        }
    }
}
