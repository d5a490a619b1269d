package io.interlock.scenarios.proxy;

/**
 * The decoded body of one SMB2 message, for the commands the engine maps to operations: lease and
 * oplock breaks, CREATE, READ, WRITE and LOCK requests, CREATE responses. Every other message (and
 * every error response) has {@link None}; a body that does not parse has {@link Malformed}, while
 * its header is still reported.
 */
public sealed interface Smb2Body
        permits Smb2Body.None,
                Smb2Body.Malformed,
                Smb2LeaseBreakNotificationBody,
                Smb2LeaseBreakAckBody,
                Smb2OplockBreakBody,
                Smb2CreateRequestBody,
                Smb2CreateResponseBody,
                Smb2ReadRequestBody,
                Smb2WriteRequestBody,
                Smb2LockRequestBody {

    /** Not decoded: a command or an outcome the summaries do not look into. */
    record None() implements Smb2Body {
        static final None INSTANCE = new None();
    }

    /** The header was fine, the body was not. */
    record Malformed(String reason) implements Smb2Body {}
}
