package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.RunJson;
import io.interlock.reports.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code interlock explore} and {@code replay --choices} against a separately started {@code
 * interlock serve --admin}: no lockstep there (frames pass the wire proxy at once, real time), yet
 * every frame is judged by the reference model. A few programs pass on the correct server; a
 * program explore found with a fault point on fails the same way through the admin endpoint's
 * fault, and passes without it.
 */
class ExploreServeAdminIT {
    /**
     * A program {@code explore --fault SKIP_NFS_BREAK --seed 11 --ops 5..20} finds on the embedded
     * server (run 9, shrunk): an SMB lease, then an NFS READ the server answers without the break.
     */
    private static final String SKIP_NFS_BREAK_CHOICES =
            "AQEAAQABAQAAAQAAAQEBAAABAAEAAAABAAEBAAAAAQAAAAABAAAAAAABAQABAQAAAAAAAQEBAAEBAAEBAQAAAAEBAQ";

    @TempDir
    Path tmp;

    @Test
    void explore_againstServeWithAdmin_judgesEveryFrameAndFindsTheFault() throws Exception {
        Path token = tmp.resolve("admin.token");
        try (ServeProcess serve = ServeProcess.startWithAdmin(token)) {
            assertThat(serve.firstLine()).startsWith("interlock ready ");
            List<String> target = serve.targetArgs(token);

            Path out = tmp.resolve("explore");
            Cli.Result r = Cli.run(args(target, "explore", "--runs", "3", "--seed", "1", "--out", out.toString()));
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("no lockstep").containsPattern("(?m)^explore: 3 programs, 0 failed");

            Path faulty = tmp.resolve("replay-fault");
            Cli.Result f = Cli.run(args(
                    target,
                    "replay",
                    "--choices",
                    SKIP_NFS_BREAK_CHOICES,
                    "--clients",
                    "2..4",
                    "--ops",
                    "5..20",
                    "--fault",
                    "SKIP_NFS_BREAK",
                    "--out",
                    faulty.toString()));
            assertThat(f.exit()).as(f.out() + f.err()).isEqualTo(1);
            assertThat(f.out()).containsPattern("(?m)^FAIL explore-0: R-(SMB|XP)-\\d+");
            assertThat(f.out()).contains("the same order of steps, not the same interleaving of frames");
            var run = RunJson.read(faulty.resolve("run.json"));
            assertThat(run.scenarios()).singleElement().satisfies(s -> {
                assertThat(s.verdict()).isEqualTo(Verdict.FAIL);
                assertThat(s.repro())
                        .contains("--admin 127.0.0.1:"
                                + serve.endpoints().get("admin").getPort());
                assertThat(s.history()).anyMatch(e -> e.op().equals("wire.send"));
            });

            Cli.Result clean = Cli.run(args(
                    target,
                    "replay",
                    "--choices",
                    SKIP_NFS_BREAK_CHOICES,
                    "--clients",
                    "2..4",
                    "--ops",
                    "5..20",
                    "--out",
                    tmp.resolve("replay-clean").toString()));
            assertThat(clean.exit()).as(clean.out() + clean.err()).isZero();
        }
    }

    private static String[] args(List<String> target, String... rest) {
        List<String> all = new ArrayList<>(List.of(rest));
        all.addAll(target);
        return all.toArray(String[]::new);
    }
}
