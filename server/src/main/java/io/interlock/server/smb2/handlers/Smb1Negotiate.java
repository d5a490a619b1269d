package io.interlock.server.smb2.handlers;

import io.interlock.server.smb2.auth.Spnego;
import io.interlock.server.smb2.session.Smb2Connection;
import io.interlock.server.smb2.wire.NegotiateResponse;
import io.interlock.server.smb2.wire.Smb2Command;
import io.interlock.server.smb2.wire.Smb2Dialect;
import io.interlock.server.smb2.wire.Smb2Header;
import io.interlock.server.smb2.wire.Smb2Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMB1 multi-protocol NEGOTIATE a client may open with ([MS-SMB2] 3.3.5.3.1): if it offers "SMB
 * 2.???" we answer an SMB2 NEGOTIATE response with the wildcard revision 0x02FF and the client
 * follows with an SMB2 NEGOTIATE; if it offers only "SMB 2.002" we select 2.0.2. Anything else
 * (SMB1 only) closes the connection: this server speaks no SMB1.
 */
final class Smb1Negotiate {
    private static final Logger log = LoggerFactory.getLogger(Smb1Negotiate.class);

    private Smb1Negotiate() {}

    static void handle(Smb2Services svc, Smb2Connection conn, byte[] frame) {
        // SMB1 header is 32 bytes; Command at offset 4 must be SMB_COM_NEGOTIATE (0x72)
        if (frame.length < 35 || (frame[4] & 0xFF) != 0x72 || conn.negotiated()) {
            log.warn("{}: closing: SMB1 request other than a first NEGOTIATE", conn);
            conn.transport().close();
            return;
        }
        String dialects = new String(frame, 35, frame.length - 35, StandardCharsets.ISO_8859_1);
        int revision;
        if (dialects.contains("SMB 2.???")) {
            revision = Smb2Dialect.WILDCARD;
        } else if (dialects.contains("SMB 2.002")) {
            revision = Smb2Dialect.SMB_2_0_2.value();
        } else {
            log.warn("{}: closing: SMB1-only client", conn);
            conn.transport().close();
            return;
        }
        int secMode = NegotiateResponse.SIGNING_ENABLED
                | (svc.config().signingRequired() ? NegotiateResponse.SIGNING_REQUIRED : 0);
        if (revision == Smb2Dialect.SMB_2_0_2.value()) {
            conn.negotiate(Smb2Dialect.SMB_2_0_2, new java.util.UUID(0, 0), 0, 0, secMode, 0);
        }
        Smb2Writer w = new Smb2Writer(256);
        new Smb2Header(0, 0, Smb2Command.NEGOTIATE.value(), 1, Smb2Header.FLAG_SERVER_TO_REDIR, 0, 0, 0, 0, null)
                .encode(w);
        new NegotiateResponse(
                        secMode,
                        revision,
                        svc.serverGuid(),
                        0,
                        65536,
                        65536,
                        65536,
                        Smb2Times.filetime(svc.clock().instant()),
                        Spnego.negTokenInit2(),
                        List.of())
                .encode(w);
        conn.transport().send(w.toByteArray());
    }
}
