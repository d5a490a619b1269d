package io.interlock.scenarios.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.peers.SambaPeer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the same NFSv3 operation script (nfs-client-java + libnfs-utils) against nfs-ganesha 4 with
 * the VFS backend and against our server (in-memory share and host-directory share), diffs the
 * normalised results and prints a side-by-side table (also written to
 * target/peer-compare/nfs-compare.txt, and unwrapped as nfs-compare.tsv). Every difference must
 * be listed, with its reason, in src/test/resources/compare/nfs-accepted-differences.tsv; a listed
 * difference that no longer occurs fails too, so the list stays true.
 *
 * <p>Each server runs in its own private network + mount namespace ({@code unshare -n -m}, tmpfs
 * on /run): port 111 there belongs to ganesha's rpcbind or to our portmapper, never to the host.
 * Skips with a reason without root, unshare, ganesha, rpcbind or libnfs-utils.
 */
class NfsPeerComparisonIT {
    static final List<String> OURS = List.of("interlock", "interlock-local");
    private static final String PEER = "ganesha";

    private static final String SCRIPT = String.join(
            "\n",
            "set -e",
            "ip link set lo up",
            "mount -t tmpfs tmpfs /run",
            "mkdir -p /run/rpcbind",
            "exec \"$JAVA\" -Xmx512m -cp \"$CP\" io.interlock.scenarios.compare.NfsPeerProbe \"$TARGET\" \"$OUT\"");

    @TempDir
    Path tmp;

    private static boolean isRoot() throws Exception {
        return NfsPeerProbe.runOut("id", "-u").trim().equals("0");
    }

    @Test
    void sameScript_ganeshaAndInterlock_resultsMatchOrAreAcceptedDifferences() throws Exception {
        for (String tool : List.of("unshare", "ip", "rpcbind", "rpcinfo", "ganesha.nfsd", "setsid")) {
            Assumptions.assumeTrue(
                    SambaPeer.onPath(tool),
                    tool + " is not installed (Debian: nfs-ganesha " + "nfs-ganesha-vfs rpcbind util-linux iproute2)");
        }
        Assumptions.assumeTrue(LibnfsSteps.available(), "libnfs-utils (nfs-cp, nfs-cat, nfs-ls) not installed");
        Assumptions.assumeTrue(
                Files.isRegularFile(SambaPeer.peersDir().resolve("ganesha.sh")),
                "ganesha.sh not found in " + SambaPeer.peersDir());
        Assumptions.assumeTrue(isRoot(), "needs root for a private network namespace, rpcbind and ganesha");
        Assumptions.assumeTrue(
                NfsPeerProbe.runOut("unshare", "-n", "-m", "--propagation", "private", "true")
                        .isEmpty(),
                "cannot create private network/mount namespaces here (unshare -n -m failed)");

        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        results.put(PEER, probe(PEER));
        for (String t : OURS) {
            results.put(t, probe(t));
        }
        AcceptedDifferences accepted = AcceptedDifferences.load();
        ComparisonTable table = ComparisonTable.build(PEER, OURS, results, accepted);
        String text = table.render();
        System.out.println(text);
        Path report = Path.of("target", "peer-compare");
        Files.createDirectories(report);
        Files.writeString(report.resolve("nfs-compare.txt"), text, StandardCharsets.UTF_8);
        Files.writeString(report.resolve("nfs-compare.tsv"), table.tsv(), StandardCharsets.UTF_8);

        assertThat(results.get(PEER).keySet())
                .as("every target ran the whole script")
                .containsExactlyElementsOf(results.get("interlock").keySet());
        assertThat(table.unexplained())
                .as("differences from ganesha that are not accepted:%n%s", text)
                .isEmpty();
        assertThat(table.stale())
                .as("accepted differences that no longer occur (remove them from the list):%n%s", text)
                .isEmpty();
    }

    /** Runs the probe for one target in a fresh namespace; skips when the target is unavailable. */
    private Map<String, String> probe(String target) throws Exception {
        Path out = tmp.resolve(target + ".tsv");
        ProcessBuilder pb = new ProcessBuilder("unshare", "-n", "-m", "--propagation", "private", "sh", "-c", SCRIPT)
                .redirectErrorStream(true);
        pb.environment()
                .put(
                        "JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("CP", System.getProperty("java.class.path"));
        pb.environment().put("TARGET", target);
        pb.environment().put("OUT", out.toString());
        Process p = pb.start();
        Path log = tmp.resolve(target + ".log");
        try (InputStream in = p.getInputStream()) {
            Files.copy(in, log);
        }
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        String output = Files.readString(log);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("probe %s finished", target).isTrue();
        Assumptions.assumeFalse(p.exitValue() == 3, () -> target + " unavailable: " + output.strip());
        assertThat(p.exitValue())
                .as("probe %s exit, output:%n%s", target, output)
                .isZero();
        return NfsOpScript.read(out);
    }

    /** The side-by-side table and the verdict per (step, target). */
    record ComparisonTable(List<String[]> rows, List<String> unexplained, List<String> stale) {
        static ComparisonTable build(
                String peer, List<String> ours, Map<String, Map<String, String>> results, AcceptedDifferences acc) {
            List<String[]> rows = new ArrayList<>();
            List<String> unexplained = new ArrayList<>();
            List<String> stale = new ArrayList<>();
            for (String step : results.get(peer).keySet()) {
                String ref = results.get(peer).get(step);
                String[] row = new String[ours.size() + 3];
                row[0] = step;
                row[1] = ref;
                List<String> verdicts = new ArrayList<>();
                for (int i = 0; i < ours.size(); i++) {
                    String t = ours.get(i);
                    String mine = results.get(t).get(step);
                    boolean same = Objects.equals(ref, mine);
                    String reason = acc.reason(step, t);
                    row[i + 2] = same ? "=" : mine;
                    if (!same && reason == null) {
                        unexplained.add(step + " [" + t + "]");
                        verdicts.add("DIFF(" + t + ")");
                    } else if (!same) {
                        verdicts.add("accepted(" + t + ")");
                    } else if (reason != null) {
                        stale.add(step + " [" + t + "]");
                        verdicts.add("STALE(" + t + ")");
                    }
                }
                row[row.length - 1] = verdicts.isEmpty() ? "same" : String.join(" ", verdicts);
                rows.add(row);
            }
            List<String[]> all = new ArrayList<>();
            String[] head = new String[ours.size() + 3];
            head[0] = "step";
            head[1] = peer;
            for (int i = 0; i < ours.size(); i++) {
                head[i + 2] = ours.get(i);
            }
            head[head.length - 1] = "verdict";
            all.add(head);
            all.addAll(rows);
            return new ComparisonTable(all, unexplained, stale);
        }

        /** The same rows, unwrapped, one tab-separated line each (for tools). */
        String tsv() {
            StringBuilder b = new StringBuilder();
            rows.forEach(r -> b.append(String.join("\t", r)).append('\n'));
            return b.toString();
        }

        String render() {
            int cols = rows.get(0).length;
            int[] width = new int[cols];
            int[] cap = new int[cols];
            for (int c = 0; c < cols; c++) {
                cap[c] = c == 0 ? 34 : c == cols - 1 ? 40 : 70;
            }
            for (String[] r : rows) {
                for (int c = 0; c < cols; c++) {
                    width[c] = Math.min(cap[c], Math.max(width[c], r[c].length()));
                }
            }
            long same = rows.stream()
                    .skip(1)
                    .filter(r -> r[cols - 1].equals("same"))
                    .count();
            StringBuilder b = new StringBuilder("NFSv3 side by side (\"=\" means same as ganesha): " + (rows.size() - 1)
                    + " steps, " + same + " identical on every server, " + unexplained.size()
                    + " unexplained differences, " + stale.size() + " stale accepted entries\n");
            for (String[] r : rows) {
                // wrap long cells onto continuation lines so nothing is cut off
                int lines = 1;
                for (int c = 0; c < cols; c++) {
                    lines = Math.max(lines, (r[c].length() + width[c] - 1) / Math.max(1, width[c]));
                }
                for (int l = 0; l < lines; l++) {
                    for (int c = 0; c < cols; c++) {
                        String cell = r[c];
                        int from = Math.min(cell.length(), l * width[c]);
                        int to = Math.min(cell.length(), from + width[c]);
                        b.append(String.format("%-" + width[c] + "s", cell.substring(from, to)));
                        b.append(c == cols - 1 ? "\n" : " | ");
                    }
                }
            }
            return b.toString();
        }
    }

    /** Reads the accepted-differences data file: {@code step<TAB>target|*<TAB>reason}. */
    record AcceptedDifferences(Map<String, String> reasons) {
        static AcceptedDifferences load() throws IOException {
            Map<String, String> m = new LinkedHashMap<>();
            try (InputStream in =
                    NfsPeerComparisonIT.class.getResourceAsStream("/compare/nfs-accepted-differences.tsv")) {
                if (in == null) {
                    return new AcceptedDifferences(m);
                }
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] f = line.split("\t", 3);
                    if (f.length == 3) {
                        m.put(f[0] + "\t" + f[1], f[2]);
                    }
                }
            }
            return new AcceptedDifferences(m);
        }

        String reason(String step, String target) {
            String r = reasons.get(step + "\t" + target);
            return r != null ? r : reasons.get(step + "\t*");
        }
    }
}
