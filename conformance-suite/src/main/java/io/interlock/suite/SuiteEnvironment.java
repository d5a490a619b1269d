package io.interlock.suite;

import io.interlock.scenarios.targets.ServerSettings;
import io.interlock.scenarios.targets.Target;
import io.interlock.scenarios.targets.TargetSetup;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the suites of one run test: a {@link Target} (the same interface the scenarios use, so a
 * suite runs against the embedded server, an address, a local Samba or ganesha), the time the
 * target's server runs on, and whether it can be restarted (NSM, grace period, verifier tests).
 * {@link SuiteRun} hands it to the suites; each test gets its own {@link SuiteContext} from it.
 */
public final class SuiteEnvironment {
    /**
     * How the server comes back from a restart.
     *
     * @param grace NLM's grace period
     * @param denyUnbrokenLease the R-XP-9 test hook: a non-blocking NLM LOCK whose conflicting SMB
     *     lease does not finish breaking is DENIED instead of proceeding
     */
    public record Restart(Duration grace, boolean denyUnbrokenLease) {
        public static final Restart PLAIN = new Restart(Duration.ZERO, false);
    }

    /** Restarts the target's server as a reboot would. */
    @FunctionalInterface
    public interface Restarter {
        void restart(Restart how) throws IOException;
    }

    private final Target target;
    private final SuiteClock clock;
    private final Restarter restarter;
    private final Map<String, Evidence> evidence = new ConcurrentHashMap<>();
    private final AtomicInteger tests = new AtomicInteger();

    private SuiteEnvironment(Target target, SuiteClock clock, Restarter restarter) {
        this.target = target;
        this.clock = clock;
        this.restarter = restarter;
    }

    /**
     * The environment of a target: our embedded server on a virtual clock is restartable and runs
     * on virtual time; any other target runs in real time and cannot be restarted.
     */
    public static SuiteEnvironment of(Target target) {
        if (target instanceof VirtualTimeTarget v) {
            return new SuiteEnvironment(target, SuiteClock.of(v.clock()), v::restart);
        }
        return new SuiteEnvironment(target, SuiteClock.real(), null);
    }

    public Target target() {
        return target;
    }

    public SuiteClock clock() {
        return clock;
    }

    public Optional<Restarter> restarter() {
        return Optional.ofNullable(restarter);
    }

    /** Prepares the target for one test (a fresh share where the target gives one). */
    SuiteContext open(String uniqueId, String testName, ServerSettings settings) throws IOException {
        Evidence e = new Evidence();
        evidence.put(uniqueId, e);
        TargetSetup setup = target.setup(settings);
        return new SuiteContext(this, setup, e, testName, tests.incrementAndGet());
    }

    /** The evidence of the test with this JUnit unique id, if it ran. */
    Optional<Evidence> evidence(String uniqueId) {
        return Optional.ofNullable(evidence.get(uniqueId));
    }
}
