package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.rpc.XdrException;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import java.time.Instant;

/**
 * set_atime / set_mtime (RFC 1813 §2.5.3): {@code union switch (time_how set_it)} with
 * DONT_CHANGE 0, SET_TO_SERVER_TIME 1, SET_TO_CLIENT_TIME 2 (followed by an nfstime3).
 */
public sealed interface TimeHow {
    int DONT_CHANGE_CODE = 0;
    int SET_TO_SERVER_TIME_CODE = 1;
    int SET_TO_CLIENT_TIME_CODE = 2;

    /** DONT_CHANGE. */
    record DontChange() implements TimeHow {}

    /** SET_TO_SERVER_TIME: the server's clock at the time of the call. */
    record SetToServerTime() implements TimeHow {}

    /** SET_TO_CLIENT_TIME. */
    record SetToClientTime(Nfstime3 time) implements TimeHow {}

    TimeHow DONT_CHANGE = new DontChange();
    TimeHow SERVER_TIME = new SetToServerTime();

    static TimeHow of(Instant t) {
        return t == null ? DONT_CHANGE : new SetToClientTime(Nfstime3.of(t));
    }

    /** The time to store, or null for DONT_CHANGE. */
    default Instant resolve(Instant now) {
        if (this instanceof SetToClientTime c) {
            return c.time().toInstant();
        }
        return this instanceof SetToServerTime ? now : null;
    }

    static TimeHow decode(XdrReader r) {
        // set_it time_how (4 bytes), then nfstime3 (8 bytes) for SET_TO_CLIENT_TIME
        int how = r.readInt();
        return switch (how) {
            case DONT_CHANGE_CODE -> DONT_CHANGE;
            case SET_TO_SERVER_TIME_CODE -> SERVER_TIME;
            case SET_TO_CLIENT_TIME_CODE -> new SetToClientTime(Nfstime3.decode(r));
            default -> throw new XdrException("time_how " + how);
        };
    }

    default void encode(XdrWriter w) {
        if (this instanceof SetToClientTime c) {
            w.writeInt(SET_TO_CLIENT_TIME_CODE);
            c.time().encode(w);
        } else {
            w.writeInt(this instanceof SetToServerTime ? SET_TO_SERVER_TIME_CODE : DONT_CHANGE_CODE);
        }
    }
}
