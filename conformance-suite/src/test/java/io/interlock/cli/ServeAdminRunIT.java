package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.Run;
import io.interlock.reports.RunJson;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done criterion for the admin endpoint: {@code interlock serve --admin} in one
 * process and {@code interlock run --smb ... --nfs ... --admin ...} (that address) in another give
 * the same verdict for every scenario as the embedded run: with the endpoint each scenario gets its
 * share, break policy, break timeout and fault points on the separate server, and its share changes,
 * break counters and lease table steps run there.
 */
class ServeAdminRunIT {
    @TempDir
    Path tmp;

    private static Map<String, Verdict> verdicts(Path runJson) throws Exception {
        Run run = RunJson.read(runJson);
        Map<String, Verdict> out = new LinkedHashMap<>();
        for (ScenarioResult r : run.scenarios()) {
            out.put(r.id(), r.verdict());
        }
        return out;
    }

    private static String describe(Path runJson) throws Exception {
        StringBuilder b = new StringBuilder();
        for (ScenarioResult r : RunJson.read(runJson).scenarios()) {
            b.append('\n')
                    .append(r.verdict())
                    .append(' ')
                    .append(r.id())
                    .append(": ")
                    .append(r.reason());
        }
        return b.toString();
    }

    @Test
    void run_againstServeWithAdmin_sameVerdictsAsTheEmbeddedRun() throws Exception {
        Path token = tmp.resolve("admin.token");
        try (ServeProcess serve = ServeProcess.startWithAdmin(token)) {
            String ready = serve.firstLine();
            assertThat(ready).startsWith("interlock ready ").contains(" admin=127.0.0.1:");
            Map<String, Integer> port = new LinkedHashMap<>();
            serve.endpoints().forEach((name, at) -> port.put(name, at.getPort()));
            assertThat(port).containsKeys("smb", "nfs", "mount", "portmap", "nlm", "admin");
            assertThat(Files.readString(token).strip()).hasSizeGreaterThanOrEqualTo(32);

            Path viaAdmin = tmp.resolve("serve");
            List<String> runArgs = new ArrayList<>(List.of("run"));
            runArgs.addAll(serve.targetArgs(token));
            runArgs.addAll(List.of("--suite", "none", "--out", viaAdmin.toString()));
            Cli.Result r = Cli.run(runArgs.toArray(String[]::new));
            Path embedded = tmp.resolve("embedded");
            Cli.Result e = Cli.run("run", "--suite", "none", "--explore", "0", "--out", embedded.toString());

            Map<String, Verdict> serveVerdicts = verdicts(viaAdmin.resolve("run.json"));
            Map<String, Verdict> embeddedVerdicts = verdicts(embedded.resolve("run.json"));
            assertThat(embeddedVerdicts)
                    .as("embedded run" + describe(embedded.resolve("run.json")))
                    .isNotEmpty();
            assertThat(serveVerdicts)
                    .as("serve --admin run" + describe(viaAdmin.resolve("run.json")) + "\nembedded run"
                            + describe(embedded.resolve("run.json")))
                    .isEqualTo(embeddedVerdicts);
            assertThat(serveVerdicts.values()).doesNotContain(Verdict.SKIPPED, Verdict.ERROR);
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(e.exit()).isZero();
        }
    }
}
