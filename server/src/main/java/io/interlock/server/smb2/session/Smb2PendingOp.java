package io.interlock.server.smb2.session;

import java.util.concurrent.CompletableFuture;

/**
 * A request that went asynchronous ([MS-SMB2] 3.3.1.7 Connection.AsyncCommandList): an interim
 * STATUS_PENDING response carried {@code asyncId}; CANCEL finds it by AsyncId or MessageId and
 * cancels {@code future}, which makes the final response STATUS_CANCELLED.
 *
 * @param messageId MessageId of the request
 * @param asyncId AsyncId given in the interim response
 * @param future the handler's outcome
 */
public record Smb2PendingOp(long messageId, long asyncId, CompletableFuture<?> future) {}
