package io.interlock.server.nfs;

import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.rpc.XdrEncodable;
import java.io.IOException;

/** Sends one RPC call and returns the decoded reply: in-process (handler tests) or over a socket. */
@FunctionalInterface
interface NfsCaller {
    RpcReplyView call(int prog, int vers, int proc, XdrEncodable args) throws IOException;
}
