package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.bench.BenchReport;
import io.interlock.scenarios.bench.BenchResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code interlock bench data|rpc|break} against the embedded server, briefly: the table and the
 * JSON have the expected structure, every measure the embedded target supports has samples and
 * ordered percentiles. Speed is not asserted: the numbers belong in the report, not in a test.
 */
class BenchWorkloadsIT {
    @TempDir
    Path dir;

    @Test
    void benchRpc_embedded_reportsOrderedPercentilesForEveryOperation() throws Exception {
        Path json = dir.resolve("rpc.json");
        Cli.Result r =
                Cli.run("bench", "rpc", "--ops", "50", "--warmup", "10", "--rounds", "1", "--json", json.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("bench rpc: 1 round(s)")
                .contains("nfs.read4k (us)")
                .contains("smb.write4k (us)");
        BenchResult res = BenchReport.read(json);
        assertThat(res.workload()).isEqualTo("rpc");
        for (String m : new String[] {
            "nfs.getattr", "nfs.lookup", "nfs.read4k", "nfs.write4k", "smb.create-close", "smb.read4k", "smb.write4k"
        }) {
            assertSane(res, m, 50);
        }
    }

    @Test
    void benchData_embeddedSmallFile_putsAndGetsWithEveryClientPresent() throws Exception {
        Path json = dir.resolve("data.json");
        Cli.Result r = Cli.run(
                "bench",
                "data",
                "--size",
                "4M",
                "--rounds",
                "2",
                "--work-dir",
                dir.resolve("work").toString(),
                "--json",
                json.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("bench data: 2 round(s)")
                .contains("smbj.put (s)")
                .contains("nfs.get (s)");
        BenchResult res = BenchReport.read(json);
        assertThat(res.parameters()).containsEntry("bytes", 4 * 1024 * 1024);
        for (String m : new String[] {"smbj.put", "smbj.get", "nfs.put", "nfs.get"}) {
            assertSane(res, m, 2);
        }
        // the tools run where installed, and say so where not
        for (String m : new String[] {"smbclient.get", "nfs-cp.get"}) {
            BenchResult.Stats s = stats(res, m);
            assertThat(s.count() == 2 || (s.count() == 0 && s.note() != null))
                    .as(m + ": " + s)
                    .isTrue();
            assertThat(s.errors()).as(m + ": " + s.note()).isZero();
        }
        assertThat(res.notes()).noneMatch(n -> n.contains("differs"));
    }

    @Test
    void benchBreak_embedded_measuresEveryOperationsBreakAndAck() throws Exception {
        Path json = dir.resolve("break.json");
        Cli.Result r =
                Cli.run("bench", "break", "--ops", "30", "--warmup", "5", "--rounds", "1", "--json", json.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("bench break: 1 round(s)").contains("write.break (us)");
        BenchResult res = BenchReport.read(json);
        for (String op : new String[] {"write", "read", "remove", "rename"}) {
            assertSane(res, op + ".break", 30);
            assertSane(res, op + ".total", 30);
            // the embedded server waits for the ack (break policy wait): every break asked for one
            assertSane(res, op + ".ack-reply", 30);
            assertThat(stats(res, op + ".break").p50())
                    .isLessThanOrEqualTo(stats(res, op + ".total").max());
        }
    }

    @Test
    void benchBreakOplock_embedded_measuresEveryOperationWithABatchOplock() throws Exception {
        Path json = dir.resolve("break-oplock.json");
        Cli.Result r = Cli.run(
                "bench",
                "break",
                "--oplock",
                "--ops",
                "10",
                "--warmup",
                "2",
                "--rounds",
                "1",
                "--json",
                json.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("embedded: oplocks asked for: measured with a BATCH oplock");
        BenchResult res = BenchReport.read(json);
        assertThat(res.parameters()).containsEntry("oplock", "BATCH");
        for (String op : new String[] {"write", "read", "remove", "rename"}) {
            assertSane(res, op + ".break", 10);
            assertSane(res, op + ".ack-reply", 10);
            assertSane(res, op + ".total", 10);
        }
    }

    @Test
    void benchBreak_badOptions_exitTwo() {
        assertThat(Cli.run("bench", "break", "--ops", "0").exit()).isEqualTo(2);
        assertThat(Cli.run("bench", "data", "--size", "lots").exit()).isEqualTo(2);
        assertThat(Cli.run("bench", "data", "--clients", "ftp").exit()).isEqualTo(2);
    }

    private static BenchResult.Stats stats(BenchResult res, String measure) {
        return res.measures().stream()
                .filter(m -> m.name().equals(measure))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no measure " + measure))
                .byTarget()
                .get("embedded");
    }

    private static void assertSane(BenchResult res, String measure, long count) {
        BenchResult.Stats s = stats(res, measure);
        assertThat(s.count()).as(measure + ": " + s.note()).isEqualTo(count);
        assertThat(s.errors()).as(measure + ": " + s.note()).isZero();
        assertThat(s.min()).as(measure).isGreaterThanOrEqualTo(0);
        assertThat(s.min()).as(measure).isLessThanOrEqualTo(s.p50());
        assertThat(s.p50()).as(measure).isLessThanOrEqualTo(s.p99());
        assertThat(s.p99()).as(measure).isLessThanOrEqualTo(s.p999());
        assertThat(s.p999()).as(measure).isLessThanOrEqualTo(s.max());
    }
}
