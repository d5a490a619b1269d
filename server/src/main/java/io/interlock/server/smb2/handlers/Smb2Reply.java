package io.interlock.server.smb2.handlers;

import io.interlock.server.smb2.session.Smb2Session;
import io.interlock.server.smb2.wire.ErrorResponse;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.Smb2Response;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What a handler answers: a status and body now, or a future completed later (a CREATE waiting for
 * a lease break). Session setup uses the extra fields to sign with a just-established session and
 * to feed the 3.1.1 preauth hash with the encoded response.
 */
public record Smb2Reply(
        NtStatus status,
        Smb2Response body,
        CompletableFuture<Smb2Reply> later,
        Smb2Session signAs,
        Consumer<byte[]> onEncoded) {

    public static Smb2Reply ok(Smb2Response body) {
        return new Smb2Reply(NtStatus.STATUS_SUCCESS, body, null, null, null);
    }

    public static Smb2Reply of(NtStatus status, Smb2Response body) {
        return new Smb2Reply(status, body, null, null, null);
    }

    public static Smb2Reply error(NtStatus status) {
        return new Smb2Reply(status, new ErrorResponse(), null, null, null);
    }

    public static Smb2Reply later(CompletableFuture<Smb2Reply> f) {
        return new Smb2Reply(null, null, f, null, null);
    }

    public boolean pending() {
        return later != null;
    }
}
