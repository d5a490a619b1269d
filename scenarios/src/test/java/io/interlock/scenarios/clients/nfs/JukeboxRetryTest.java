package io.interlock.scenarios.clients.nfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounded NFS3ERR_JUKEBOX retry both NFS clients share. */
class JukeboxRetryTest {
    private static final int JUKEBOX = Nfs3Status.NFS3ERR_JUKEBOX.value();

    @Test
    void run_jukeboxTwiceThenOk_retriesAndTellsTheObserverEachTime() throws IOException {
        List<String> told = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        String got = new JukeboxRetry(5, Duration.ZERO).run("WRITE f", (what, n) -> told.add(what + "#" + n), () -> {
            if (calls.incrementAndGet() < 3) {
                throw new Nfs3StatusException(JUKEBOX, "WRITE f");
            }
            return "done";
        });
        assertThat(got).isEqualTo("done");
        assertThat(calls).hasValue(3);
        assertThat(told).containsExactly("WRITE f#1", "WRITE f#2");
    }

    @Test
    void run_jukeboxEveryTime_givesUpAfterMaxAttemptsWithTheJukeboxStatus() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(
                        () -> new JukeboxRetry(3, Duration.ZERO).run("READ f", NfsClient.JukeboxObserver.NONE, () -> {
                            calls.incrementAndGet();
                            throw new Nfs3StatusException(JUKEBOX, "READ f");
                        }))
                .isInstanceOf(Nfs3StatusException.class)
                .satisfies(e -> assertThat(NfsClient.statusOf(e)).isEqualTo("NFS3ERR_JUKEBOX"))
                .hasMessage("READ f: NFS3ERR_JUKEBOX");
        assertThat(calls).hasValue(3);
    }

    @Test
    void run_otherStatusOrIoError_notRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> JukeboxRetry.defaults().run("REMOVE f", NfsClient.JukeboxObserver.NONE, () -> {
                    calls.incrementAndGet();
                    throw new Nfs3StatusException(Nfs3Status.NFS3ERR_NOENT.value(), "REMOVE f");
                }))
                .hasMessage("REMOVE f: NFS3ERR_NOENT");
        assertThatThrownBy(() -> JukeboxRetry.defaults().run("REMOVE f", NfsClient.JukeboxObserver.NONE, () -> {
                    calls.incrementAndGet();
                    throw new IOException("connection reset");
                }))
                .hasMessage("connection reset");
        assertThat(calls).hasValue(2);
        assertThat(NfsClient.statusOf(new IOException("x"))).isNull();
        assertThat(NfsClient.statusOf(new Nfs3StatusException(99999, "X"))).isEqualTo("nfsstat3(99999)");
    }
}
