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
            description = "Break policies programs draw from: wait, jukebox, notify (default: all three).")
    String policy;

    @Option(names = "--no-shares", description = "Programs do not add, remove, disable or list shares.")
    boolean noShares;

    /** The generator's settings; every program enables {@code faults} on the embedded server. */
    ProgramGenerator.Settings settings(List<String> faults) {
        int[] c = range("--clients", clients);
        int[] o = range("--ops", ops);
        List<String> policies = policy == null
                ? List.of()
                : Arrays.stream(policy.split(","))
                        .map(p -> p.trim().toLowerCase(Locale.ROOT))
                        .toList();
        for (String p : policies) {
            if (!List.of("wait", "jukebox", "notify").contains(p)) {
                throw new UserError("--policy: unknown break policy '" + p + "' (wait, jukebox, notify)", 2);
            }
        }
        try {
            faults.forEach(ServerSettings::fault);
            return new ProgramGenerator.Settings(c[0], c[1], o[0], o[1], policies, faults, !noShares);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
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
