package io.interlock.scenarios.engine;

import io.interlock.scenarios.clients.nfs.NfsClient;
import io.interlock.scenarios.clients.smb.SmbStatusException;
import io.interlock.scenarios.ops.OpStatusException;

/** The protocol status a failure carries (NFS3ERR_*, STATUS_*, NLM4_*), or null. */
final class Statuses {
    private Statuses() {}

    static String of(Throwable e) {
        if (e instanceof SmbStatusException se) {
            return se.statusName();
        }
        if (e instanceof OpStatusException st) {
            return st.statusName();
        }
        return NfsClient.statusOf(e);
    }
}
