package io.interlock.cli;

import io.interlock.scenarios.gen.ProgramGenerator;
import io.interlock.scenarios.targets.ServerSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * What generated programs look like: the options {@code explore} takes and a repro line repeats, so
 * that {@code replay --choices} regenerates exactly the program the choices made.
 */
final class ExploreOptions {
    @Option(
            names = "--clients",
            paramLabel = "MIN..MAX",
            description = "Clients per program, within 2..4 (default ${DEFAULT-VALUE}).")
    String clients = "2..4";

    @Option(
            names = "--ops",
            paramLabel = "MIN..MAX",
            description = "Operations per program (default ${DEFAULT-VALUE}).")
    String ops = "5..40";

    @Option(
            names = "--policy",
            paramLabel = "P[,P...]",
            description = "Break policies programs draw from: wait, jukebox, notify (default: all three on a target"
                    + " that sets them per program; else the one the target has; 'target': leave the target's own).")
    String policy;

    @Option(
            names = "--max-wait",
            paramLabel = "DURATION",
            description = "Longest pause, late break acknowledgement or late flush in a program (default: none on the"
                    + " embedded target, whose clock is virtual; 5s on any other, where they take real time).")
    String maxWait;

    @Option(
            names = "--quiet",
            paramLabel = "DURATION",
            description = "Targets other than the embedded one: how long no byte may pass the wire proxy before the"
                    + " engine takes its next decision (default 100ms).")
    String quiet;

    @Option(names = "--no-shares", description = "Programs do not add, remove, disable or list shares.")
    boolean noShares;

    @Option(
            names = "--no-leases",
            description = "SMB clients ask for no leases (oplocks only); the default where the target grants none"
                    + " (Samba under kernel oplocks).")
    boolean noLeases;

    /** The generator's settings; every program enables {@code faults} on the embedded server. */
    ProgramGenerator.Settings settings(List<String> faults) {
        return settings(faults, List.of(), true, null, true);
    }

    /**
     * The generator's settings for a target: {@code policies} are what programs draw when no {@code
     * --policy} is given (empty: all three), {@code shares} whether the target can add and remove
     * shares, {@code defaultMaxWait} the cap on waits when no {@code --max-wait} is given.
     */
    ProgramGenerator.Settings settings(
            List<String> faults,
            List<String> targetPolicies,
            boolean shares,
            java.time.Duration defaultMaxWait,
            boolean leases) {
        int[] c = range("--clients", clients);
        int[] o = range("--ops", ops);
        List<String> policies = policy == null
                ? targetPolicies
                : Arrays.stream(policy.split(","))
                        .map(p -> p.trim().toLowerCase(Locale.ROOT))
                        .toList();
        for (String p : policies) {
            if (!List.of("wait", "jukebox", "notify", ProgramGenerator.Settings.TARGET_POLICY)
                    .contains(p)) {
                throw new UserError("--policy: unknown break policy '" + p + "' (wait, jukebox, notify, target)", 2);
            }
        }
        try {
            faults.forEach(ServerSettings::fault);
            java.time.Duration cap = maxWait == null ? defaultMaxWait : duration("--max-wait", maxWait);
            return new ProgramGenerator.Settings(
                    c[0], c[1], o[0], o[1], policies, faults, shares && !noShares, cap, leases && !noLeases);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
    }

    /** The quiet period of a watched run (--quiet). */
    java.time.Duration quiet() {
        return quiet == null
                ? io.interlock.scenarios.engine.Explorer.Settings.DEFAULT_QUIET
                : duration("--quiet", quiet);
    }

    private static java.time.Duration duration(String option, String text) {
        try {
            java.time.Duration d = ServerOptions.parseDuration(text.trim().toLowerCase(java.util.Locale.ROOT));
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("must be positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage() + " ('" + text + "')", 2);
        }
    }

    /** "3" or "2..4". */
    static int[] range(String option, String text) {
        try {
            String t = text.trim();
            int dots = t.indexOf("..");
            if (dots < 0) {
                int n = Integer.parseInt(t);
                return new int[] {n, n};
            }
            return new int[] {Integer.parseInt(t.substring(0, dots)), Integer.parseInt(t.substring(dots + 2))};
        } catch (NumberFormatException e) {
            throw new UserError(option + ": expected N or MIN..MAX, got '" + text + "'", 2);
        }
    }
}
