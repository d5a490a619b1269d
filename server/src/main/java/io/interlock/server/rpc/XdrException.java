package io.interlock.server.rpc;

/**
 * Arguments that do not decode as XDR (RFC 4506): truncated data, a length above its bound, a bad
 * boolean or union discriminant. The RPC layer answers GARBAGE_ARGS (RFC 5531 §9).
 */
public final class XdrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public XdrException(String message) {
        super(message, null, false, false);
    }
}
