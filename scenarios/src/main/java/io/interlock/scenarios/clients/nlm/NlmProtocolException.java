package io.interlock.scenarios.clients.nlm;

/** The peer sent something the client cannot read, or rejected the call at the RPC level. */
public final class NlmProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NlmProtocolException(String message) {
        super(message);
    }
}
