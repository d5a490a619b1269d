package io.interlock.scenarios.clients.nlm;

import io.interlock.scenarios.clients.rpc.RpcProtocolException;

/** The peer sent an NLM or NSM answer the client cannot read (e.g. an unknown nlm4_stats). */
public final class NlmProtocolException extends RpcProtocolException {
    private static final long serialVersionUID = 1L;

    public NlmProtocolException(String message) {
        super(message);
    }
}
