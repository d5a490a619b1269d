package io.interlock.server.faults;

import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live set of enabled faults of one server instance; injected, never static. Thread-safe. */
public final class FaultPoints {
    private static final Logger log = LoggerFactory.getLogger(FaultPoints.class);

    private volatile Set<Fault> enabled = EnumSet.noneOf(Fault.class);

    public FaultPoints() {}

    public FaultPoints(Set<Fault> initial) {
        enabled = initial.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(initial);
    }

    public boolean on(Fault f) {
        return enabled.contains(f);
    }

    public synchronized void enable(Fault f) {
        EnumSet<Fault> next = EnumSet.copyOf(enabled.isEmpty() ? EnumSet.noneOf(Fault.class) : enabled);
        next.add(f);
        enabled = next;
        log.warn("fault point {} enabled", f);
    }

    public synchronized void disable(Fault f) {
        EnumSet<Fault> next = enabled.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(enabled);
        next.remove(f);
        enabled = next;
    }

    public Set<Fault> enabled() {
        return Set.copyOf(enabled);
    }
}
