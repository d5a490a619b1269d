package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.RpcProtocolException;
import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * set_atime / set_mtime (RFC 1813 §2.6 sattr3): a union on time_how (DONT_CHANGE 0,
 * SET_TO_SERVER_TIME 1, SET_TO_CLIENT_TIME 2 followed by an nfstime3).
 */
public sealed interface Nfs3SetTime {
    DontChange DONT_CHANGE = new DontChange();

    /** DONT_CHANGE (0). */
    record DontChange() implements Nfs3SetTime {}

    /** SET_TO_SERVER_TIME (1). */
    record ServerTime() implements Nfs3SetTime {}

    /** SET_TO_CLIENT_TIME (2) with the time to set. */
    record ClientTime(Nfs3Time time) implements Nfs3SetTime {}

    static Nfs3SetTime decode(XdrIn in) {
        int how = in.int32(); // set_it time_how (4 bytes)
        return switch (how) {
            case 0 -> DONT_CHANGE;
            case 1 -> new ServerTime();
            case 2 -> new ClientTime(Nfs3Time.decode(in)); // time nfstime3
            default -> throw new RpcProtocolException("time_how " + how);
        };
    }

    default void encode(XdrOut o) {
        if (this instanceof ClientTime c) {
            o.int32(2); // SET_TO_CLIENT_TIME
            c.time().encode(o); // time nfstime3
        } else {
            o.int32(this instanceof ServerTime ? 1 : 0); // SET_TO_SERVER_TIME or DONT_CHANGE
        }
    }
}
