package io.interlock.scenarios.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one {@code interlock bench} workload over one or two targets: what {@link
 * BenchReport} prints and writes as JSON.
 *
 * @param workload data, rpc or break
 * @param started when the run began
 * @param host this machine: processors and OS, for reading numbers later
 * @param targets the targets in their order (A first; the ratios are A / B)
 * @param rounds rounds per target, alternating A B A B
 * @param parameters the workload's settings (sizes, counts)
 * @param measures one entry per measure, each with every target's statistics
 * @param notes what the reader must know: tools missing, a target that sent no break, errors
 */
public record BenchResult(
        String workload,
        Instant started,
        String host,
        List<TargetInfo> targets,
        int rounds,
        Map<String, Object> parameters,
        List<Measure> measures,
        List<String> notes) {

    /**
     * One target of the run.
     *
     * @param label short name used in tables and as key of {@link Measure#byTarget}
     * @param description endpoints and versions
     * @param rss the server's memory when this process can see it, else null
     */
    public record TargetInfo(String label, String description, Memory rss) {}

    /**
     * A server process's memory at the end of the run.
     *
     * @param rssMiB resident set size (VmRSS)
     * @param peakRssMiB its peak over the process's life (VmHWM)
     * @param heldMiB file data the target held at the end, as far as the workload knows; 0 unknown
     */
    public record Memory(double rssMiB, double peakRssMiB, double heldMiB) {}

    /**
     * One measure over every target.
     *
     * @param name e.g. "nfs.read4k", "smb.smbclient.get"
     * @param unit "us" for latencies, "s" for whole transfers
     * @param description what was timed, from when to when
     * @param bytes bytes moved per sample (transfers), else 0
     * @param byTarget statistics per target label
     * @param ratio A's p50 over B's p50 when both have one (lower is better for A), else null
     */
    public record Measure(
            String name, String unit, String description, long bytes, Map<String, Stats> byTarget, Double ratio) {}

    /**
     * Statistics of one measure on one target.
     *
     * @param count samples
     * @param min smallest
     * @param p50 median
     * @param p99 99th percentile
     * @param p999 99.9th percentile
     * @param max largest
     * @param samples every sample, in order, when there are few (transfers), else empty
     * @param errors operations that failed and gave no sample
     * @param note why there is no sample, or what was unusual
     */
    public record Stats(
            long count,
            double min,
            double p50,
            double p99,
            double p999,
            double max,
            List<Double> samples,
            long errors,
            String note) {}
}
