package io.interlock.scenarios.clients.rpc;

/**
 * The peer sent something an engine client cannot read (short or malformed XDR), or it rejected
 * the call at the RPC level (MSG_DENIED, or an accept_stat other than SUCCESS; RFC 5531 §9).
 */
public class RpcProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RpcProtocolException(String message) {
        super(message);
    }
}
