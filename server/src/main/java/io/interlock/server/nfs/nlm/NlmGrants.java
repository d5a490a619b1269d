package io.interlock.server.nfs.nlm;

import io.interlock.server.core.lock.LockManager;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the GRANTED callback for a blocked lock the lock manager has taken (spec §3.4 step 2): for a
 * request that came as LOCK_MSG the asynchronous GRANTED_MSG (10), whose verdict comes back as
 * GRANTED_RES (15); otherwise the synchronous procedure 5. Either carries the original alock and a
 * cookie of ours and goes in the client's NLM version. If the call fails (no service registered,
 * refused, 5 s bound) or the client answers anything but NLM4_GRANTED, the lock is released again
 * (step 3, R-NLM-4). A GRANTED_RES for one of our cookies with a refusal releases it as well.
 */
final class NlmGrants {
    private static final Logger log = LoggerFactory.getLogger(NlmGrants.class);
    private static final int REMEMBERED = 1024;

    private final LockManager locks;
    private final NlmCallbacks callbacks;
    private final AtomicLong nextCookie = new AtomicLong(System.nanoTime());

    /** Guarded by itself. Recent grants by cookie, for a late GRANTED_RES. */
    private final Map<ByteBuffer, NlmBlockedTable.Blocked> recent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, NlmBlockedTable.Blocked> e) {
            return size() > REMEMBERED;
        }
    };

    NlmGrants(LockManager locks, NlmCallbacks callbacks) {
        this.locks = locks;
        this.callbacks = callbacks;
    }

    /** Sends GRANTED for {@code b}; runs {@code done} when the exchange is over, however it ended. */
    void send(NlmBlockedTable.Blocked b, Runnable done) {
        byte[] cookie =
                ByteBuffer.allocate(8).putLong(nextCookie.incrementAndGet()).array();
        synchronized (recent) {
            recent.put(ByteBuffer.wrap(cookie), b);
        }
        Nlm4TestArgs args = new Nlm4TestArgs(cookie, b.key.exclusive(), b.alock);
        Nlm4Procedure proc = b.async ? Nlm4Procedure.GRANTED_MSG : Nlm4Procedure.GRANTED;
        callbacks.call(b.client, b.version, proc, args::encode).whenComplete((r, err) -> {
            try {
                if (err != null) {
                    release(b, proc + " failed: " + (err.getCause() != null ? err.getCause() : err).getMessage());
                    return;
                }
                if (b.async) {
                    // delivered; the client's verdict comes as GRANTED_RES (onGrantedRes). Without
                    // one the lock stays held, as the client accepted the message (a Linux client
                    // would re-send its LOCK after 30 s and get GRANTED, R-NLM-5).
                    log.debug("NLM GRANTED_MSG {} delivered to {}", b.alock, b.client);
                    return;
                }
                Nlm4Stats stat;
                try {
                    stat = Nlm4Res.decode(r).stat();
                } catch (RuntimeException e) {
                    release(b, "undecodable GRANTED reply: " + e.getMessage());
                    return;
                }
                if (stat != Nlm4Stats.NLM4_GRANTED) {
                    release(b, "client answered " + stat);
                } else {
                    log.debug("NLM GRANTED {} acknowledged by {}", b.alock, b.client);
                }
            } finally {
                done.run();
            }
        });
    }

    /**
     * GRANTED_RES from a client: a refusal of one of our grants releases that lock. Only the host
     * the grant went to may answer it (a guessed cookie from elsewhere changes nothing).
     */
    void onGrantedRes(Nlm4Res res, SocketAddress from) {
        NlmBlockedTable.Blocked b;
        synchronized (recent) {
            b = recent.get(ByteBuffer.wrap(res.cookie()));
            InetAddress to = NlmCallers.hostOf(b == null ? null : b.client);
            InetAddress host = NlmCallers.hostOf(from);
            if (b != null && to != null && host != null && !to.equals(host)) {
                log.info("NLM GRANTED_RES for {} from {} ignored: the grant went to {}", b.alock, from, b.client);
                return;
            }
            if (b != null) {
                recent.remove(ByteBuffer.wrap(res.cookie()));
            }
        }
        if (b != null && res.stat() != Nlm4Stats.NLM4_GRANTED) {
            release(b, "GRANTED_RES " + res.stat());
        }
    }

    private void release(NlmBlockedTable.Blocked b, String why) {
        synchronized (recent) {
            recent.values().remove(b);
        }
        locks.unlock(b.key.file(), b.key.owner(), b.key.range());
        log.info("NLM GRANTED {} to {}: {}; lock released", b.alock, b.client, why);
    }
}
