package io.interlock.suite;

import static org.awaitility.Awaitility.await;

import io.interlock.server.core.time.VirtualServerClock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;
import org.opentest4j.AssertionFailedError;

/**
 * Server time as a suite test sees it. Timeout requirements are tested at their real values (a 35 s
 * break timeout, a 90 s NLM grace period): against a server on a virtual clock (the embedded one)
 * the test moves the clock and the timers fire at once; against any other server the same test
 * waits in real time, bounded. Nothing here sleeps: real waits are Awaitility polls with an explicit
 * bound.
 */
public interface SuiteClock {
    /** How long a suite waits for something that should happen now (a break, a reply). */
    Duration EVENT = Duration.ofSeconds(5);

    /** How long a suite watches for something that must not happen (a break nobody should send). */
    Duration QUIET = Duration.ofMillis(250);

    /** Whether server time is virtual (timers fire only when the test advances it). */
    boolean virtual();

    /** Lets {@code d} of server time pass: a virtual clock jumps; real time needs nothing. */
    void advance(Duration d);

    /**
     * Asserts that {@code happened} stays false while {@code d} of server time passes (real targets:
     * watched for all of {@code d}; virtual: the clock jumps by {@code d}, then it is watched briefly).
     */
    void assertNotWithin(Duration d, BooleanSupplier happened, String what);

    /**
     * Waits until {@code cond} holds, allowing {@code d} of server time for it (virtual: the clock
     * jumps by {@code d} first); fails naming {@code what}.
     */
    void awaitWithin(Duration d, BooleanSupplier cond, String what);

    /** Real time: the server's timers run on their own. */
    static SuiteClock real() {
        return new Real();
    }

    /** The virtual clock of an embedded server. */
    static SuiteClock of(VirtualServerClock clock) {
        return new Virtual(clock);
    }

    /** Waits (bounded, polling) until {@code cond} holds. */
    static void awaitReal(Duration max, BooleanSupplier cond, String what) {
        try {
            await().pollInterval(Duration.ofMillis(10)).atMost(max).until(cond::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionFailedError(what + " (not within " + max + ")");
        }
    }

    /** Watches {@code happened} for {@code d} of real time; fails at once if it turns true. */
    static void watchReal(Duration d, BooleanSupplier happened, String what) {
        try {
            await().pollInterval(Duration.ofMillis(10))
                    .during(d)
                    .atMost(d.plusSeconds(2))
                    .until(() -> !happened.getAsBoolean());
        } catch (ConditionTimeoutException e) {
            throw new AssertionFailedError(what + " (it happened within " + d + ")");
        }
    }

    /** Real time. */
    final class Real implements SuiteClock {
        /** Slack on top of a server timer before the suite calls it late. */
        static final Duration SLACK = Duration.ofSeconds(15);

        @Override
        public boolean virtual() {
            return false;
        }

        @Override
        public void advance(Duration d) {
            // real time passes by itself
        }

        @Override
        public void assertNotWithin(Duration d, BooleanSupplier happened, String what) {
            watchReal(d, happened, what);
        }

        @Override
        public void awaitWithin(Duration d, BooleanSupplier cond, String what) {
            awaitReal(d.plus(SLACK), cond, what);
        }

        @Override
        public String toString() {
            return "real time";
        }
    }

    /** A virtual server clock. */
    final class Virtual implements SuiteClock {
        static final Duration SETTLE = Duration.ofMillis(50);

        private final VirtualServerClock clock;

        Virtual(VirtualServerClock clock) {
            this.clock = clock;
        }

        @Override
        public boolean virtual() {
            return true;
        }

        @Override
        public void advance(Duration d) {
            clock.advance(d);
        }

        /**
         * Waits until the server has armed the timers the last request made it arm: the count of
         * pending timers has not changed for {@link #SETTLE} (bounded). A timer armed after the
         * clock moved would otherwise fall due {@code d} later than the test means.
         */
        private void settle() {
            int[] last = {clock.pendingTimers()};
            try {
                await().pollInterval(Duration.ofMillis(5))
                        .during(SETTLE)
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> {
                            int now = clock.pendingTimers();
                            boolean same = now == last[0];
                            last[0] = now;
                            return same;
                        });
            } catch (ConditionTimeoutException e) {
                // timers keep changing: go ahead, the assertion that follows says what it saw
            }
        }

        @Override
        public void assertNotWithin(Duration d, BooleanSupplier happened, String what) {
            if (happened.getAsBoolean()) {
                throw new AssertionFailedError(what + " (it had happened before any time passed)");
            }
            settle();
            clock.advance(d);
            watchReal(QUIET, happened, what + " after " + d + " of virtual time");
        }

        @Override
        public void awaitWithin(Duration d, BooleanSupplier cond, String what) {
            settle();
            clock.advance(d);
            awaitReal(EVENT, cond, what + " after " + d + " of virtual time");
        }

        @Override
        public String toString() {
            return "virtual time";
        }
    }
}
