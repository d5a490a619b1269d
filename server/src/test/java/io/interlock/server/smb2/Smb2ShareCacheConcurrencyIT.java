package io.interlock.server.smb2;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.NamedPipe;
import com.hierynomus.smbj.share.PipeShare;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.Share;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * R-CACHE-4: N = 32 clients enumerate shares over new srvsvc pipes while K add/remove cycles run.
 * Every enumeration must equal a registry state at or after its pipe's open; once the churn stops
 * every enumeration equals the final set; the list is rebuilt at most once per invalidation.
 */
class Smb2ShareCacheConcurrencyIT {
    private static final int N = 32;
    private static final int CONNECTIONS = 4;
    private static final int K = 25;

    /** One enumeration: the history length before its pipe was opened, and what it returned. */
    record Observation(int historyAtOpen, Set<String> result) {}

    @Test
    void enumerations_duringChurn_matchLinearizableStates() throws Exception {
        try (Smb2TestServer server = new Smb2TestServer();
                SMBClient client = new SMBClient()) {
            List<Set<String>> history = Collections.synchronizedList(new ArrayList<>());
            history.add(names(server));
            List<Connection> conns = new ArrayList<>();
            List<PipeShare> ipcs = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                conns.add(client.connect("127.0.0.1", server.port()));
            }
            for (int i = 0; i < N; i++) {
                Session s = conns.get(i % CONNECTIONS)
                        .authenticate(new AuthenticationContext("interlock", "interlock".toCharArray(), ""));
                ipcs.add((PipeShare) s.connectShare("IPC$"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(N + 1);
            AtomicBoolean churnDone = new AtomicBoolean();
            CountDownLatch go = new CountDownLatch(1);
            // paces the churn by finished enumerations, so changes and enumerations interleave
            java.util.concurrent.Semaphore finished = new java.util.concurrent.Semaphore(0);
            List<Future<List<Observation>>> results = new ArrayList<>();
            for (PipeShare ipc : ipcs) {
                results.add(pool.submit(() -> {
                    go.await();
                    List<Observation> obs = new ArrayList<>();
                    boolean last = false;
                    while (!last) {
                        last = churnDone.get(); // one full enumeration after the churn ended
                        int at = history.size();
                        obs.add(new Observation(at, enumerate(ipc)));
                        finished.release();
                    }
                    return obs;
                }));
            }
            Future<?> churn = pool.submit(() -> {
                go.await();
                for (int k = 0; k < K; k++) {
                    finished.acquire(N / 8);
                    String name = "churn-" + k;
                    server.shares.add(
                            new Share(name, new MemoryFileSystem(server.clock.asJavaClock()), BreakPolicy.WAIT, true));
                    history.add(names(server));
                    if (k % 3 != 0) {
                        server.shares.remove(name);
                        history.add(names(server));
                    }
                }
                finished.acquire(N / 8);
                churnDone.set(true);
                return null;
            });
            go.countDown();
            churn.get(120, TimeUnit.SECONDS);
            Set<String> fin = names(server);
            int total = 0;
            for (Future<List<Observation>> f : results) {
                List<Observation> obs = f.get(120, TimeUnit.SECONDS);
                total += obs.size();
                for (Observation o : obs) {
                    boolean matches = false;
                    for (int j = Math.max(0, o.historyAtOpen() - 1); j < history.size(); j++) {
                        matches |= history.get(j).equals(o.result());
                    }
                    assertThat(matches)
                            .as("enumeration %s opened at state %d of %s", o.result(), o.historyAtOpen(), history)
                            .isTrue();
                }
                assertThat(obs.get(obs.size() - 1).result())
                        .as("enumeration after the churn")
                        .isEqualTo(fin);
            }
            pool.shutdownNow();
            for (Connection c : conns) {
                c.close();
            }
            long rebuilds = server.server.shareListCache().rebuilds();
            long invalidations = server.server.shareListCache().invalidations();
            assertThat(total).isGreaterThanOrEqualTo(2 * N);
            assertThat(rebuilds).as("rebuilds vs invalidations").isLessThanOrEqualTo(invalidations + 1);
            assertThat(rebuilds)
                    .as("enumerations read the cache, not the registry")
                    .isLessThan(total);
        }
    }

    private static Set<String> names(Smb2TestServer server) {
        return server.shares.list().stream()
                .filter(Share::enabled)
                .map(Share::name)
                .collect(Collectors.toSet());
    }

    private static Set<String> enumerate(PipeShare ipc) {
        try (NamedPipe pipe = Smb2SrvsvcIT.openSrvsvc(ipc)) {
            SrvsvcClient c = new SrvsvcClient(pipe);
            c.bindSrvsvc();
            return c.enumAll(1).stream().map(SrvsvcClient.Share::name).collect(Collectors.toSet());
        }
    }
}
