package io.interlock.scenarios.clients.nfs;

import io.interlock.scenarios.clients.ClientActivity;
import java.time.Duration;

/**
 * How an engine NFS client behaves, whatever server it talks to.
 *
 * @param timeout bound on a connect and on each RPC reply (a WAIT-policy server holds a WRITE
 *     reply until the lease break ends, so this must exceed the break timeouts in use)
 * @param xidSeed the first xid (the client's xids are a counter from here)
 * @param machineName AUTH_SYS machinename
 * @param retry the NFS3ERR_JUKEBOX retry
 * @param activity where the client reports its bytes and blocking reads
 */
public record NfsClientOptions(
        Duration timeout, int xidSeed, String machineName, JukeboxRetry retry, ClientActivity activity) {
    public NfsClientOptions {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a positive timeout is required");
        }
        machineName = machineName == null ? "interlock" : machineName;
        retry = retry == null ? JukeboxRetry.defaults() : retry;
        activity = activity == null ? ClientActivity.NONE : activity;
    }

    /** 60 s timeout, xids from {@code xidSeed}, default JUKEBOX retry, no activity reports. */
    public static NfsClientOptions defaults(int xidSeed) {
        return new NfsClientOptions(Duration.ofSeconds(60), xidSeed, "interlock", JukeboxRetry.defaults(), null);
    }

    public NfsClientOptions withActivity(ClientActivity a) {
        return new NfsClientOptions(timeout, xidSeed, machineName, retry, a);
    }

    public NfsClientOptions withTimeout(Duration t) {
        return new NfsClientOptions(t, xidSeed, machineName, retry, activity);
    }

    public NfsClientOptions withRetry(JukeboxRetry r) {
        return new NfsClientOptions(timeout, xidSeed, machineName, r, activity);
    }
}
