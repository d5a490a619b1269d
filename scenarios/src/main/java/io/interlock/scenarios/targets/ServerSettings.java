package io.interlock.scenarios.targets;

import io.interlock.server.faults.Fault;
import io.interlock.server.runtime.BreakPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The server settings one scenario needs, from its {@code server:} section, e.g. {@code server:
 * {breakPolicy: notify, breakTimeout: PT1S, faults: [SKIP_NFS_BREAK]}}. Absent fields leave the
 * target's own setting alone. Only a target that controls the server (the embedded one) can apply
 * them; any other target reports the scenario SKIPPED.
 *
 * @param breakPolicy notify | wait | jukebox, or null
 * @param breakTimeout the lease break (ack) timeout, or null
 * @param faults fault point names ({@link Fault}) to enable for this scenario
 */
public record ServerSettings(String breakPolicy, Duration breakTimeout, List<String> faults) {
    public static final ServerSettings NONE = new ServerSettings(null, null, null);

    public ServerSettings {
        faults = faults == null ? List.of() : List.copyOf(faults);
        if (breakPolicy != null) {
            BreakPolicy.parse(breakPolicy);
        }
        if (breakTimeout != null && (breakTimeout.isNegative() || breakTimeout.isZero())) {
            throw new IllegalArgumentException("breakTimeout must be positive, got " + breakTimeout);
        }
        for (String f : faults) {
            fault(f);
        }
    }

    /** The fault named {@code name} (case-insensitive), or an error listing the names. */
    public static Fault fault(String name) {
        try {
            return Fault.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown fault point '" + name + "', expected one of " + List.of(Fault.values()), e);
        }
    }

    public boolean isEmpty() {
        return breakPolicy == null && breakTimeout == null && faults.isEmpty();
    }

    public BreakPolicy policyOr(BreakPolicy dflt) {
        return breakPolicy == null ? dflt : BreakPolicy.parse(breakPolicy);
    }

    public Set<Fault> faultSet() {
        return Set.copyOf(faults.stream().map(ServerSettings::fault).toList());
    }

    /** These settings with one more fault enabled (how fault detection runs a scenario). */
    public ServerSettings withFault(Fault f) {
        List<String> fs = new ArrayList<>(faults);
        fs.add(f.name());
        return new ServerSettings(breakPolicy, breakTimeout, fs);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (breakPolicy != null) {
            parts.add("breakPolicy=" + breakPolicy.toLowerCase(Locale.ROOT));
        }
        if (breakTimeout != null) {
            parts.add("breakTimeout=" + breakTimeout);
        }
        if (!faults.isEmpty()) {
            parts.add("faults=" + faults);
        }
        return "{" + String.join(", ", parts) + "}";
    }
}
