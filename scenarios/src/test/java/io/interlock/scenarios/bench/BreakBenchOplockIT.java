package io.interlock.scenarios.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.targets.EmbeddedTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench break} measured with a BATCH oplock instead of a lease (what it falls back to where
 * the server offers no SMB2 leasing), against the embedded server: every operation breaks the
 * oplock, every break is acknowledged (the server waits for the ack), and the run says how it
 * measured.
 */
class BreakBenchOplockIT {
    private static final int OPS = 20;

    @Test
    void oplockAskedFor_embedded_recordsBreakAckAndTotalForEveryOperation() throws Exception {
        BenchResult res;
        StringWriter progress = new StringWriter();
        try (BenchTarget t = new BenchTarget("embedded", EmbeddedTarget.start(), null)) {
            res = BenchRun.run(
                    new BreakBench(OPS, 5, Duration.ofSeconds(5), true), List.of(t), 1, new PrintWriter(progress));
        }
        assertThat(res.notes())
                .as(progress.toString())
                .contains(
                        "embedded: oplocks asked for: measured with a BATCH oplock, each operation on a file of its own");
        assertThat(res.parameters()).containsEntry("oplock", "BATCH").doesNotContainKey("lease");
        for (String op : BreakBench.OPS) {
            for (String m : List.of(".break", ".ack-reply", ".total")) {
                BenchResult.Stats s = res.measures().stream()
                        .filter(x -> x.name().equals(op + m))
                        .findFirst()
                        .orElseThrow()
                        .byTarget()
                        .get("embedded");
                assertThat(s.count())
                        .as(op + m + ": " + s.note() + " " + res.notes())
                        .isEqualTo(OPS);
                assertThat(s.errors()).as(op + m + ": " + s.note()).isZero();
                assertThat(s.min()).as(op + m).isGreaterThanOrEqualTo(0);
            }
        }
    }
}
