package io.interlock.scenarios.engine;

import io.interlock.scenarios.model.BreakPolicy;
import io.interlock.scenarios.model.Dialect;
import io.interlock.scenarios.model.ModelConfig;
import io.interlock.scenarios.model.NfsLockPolicy;
import io.interlock.scenarios.targets.TargetSetup;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** The reference model's configuration for one program on one target: what a correct server does here. */
final class ModelSetup {
    /** MS-SMB2's break timeout, where neither the program nor the target names another. */
    static final Duration DEFAULT_BREAK_TIMEOUT = Duration.ofSeconds(35);

    private ModelSetup() {}

    static ModelConfig config(Scenario program, TargetSetup setup) {
        ModelConfig d = ModelConfig.defaults();
        String policy = program.server().breakPolicy();
        Duration timeout = program.server().breakTimeout() != null
                ? program.server().breakTimeout()
                : setup.breakTimeout().orElse(DEFAULT_BREAK_TIMEOUT);
        Set<String> shares = setup.admin().map(a -> a.shareNames()).orElse(Set.of());
        return new ModelConfig(
                policy == null ? setup.breakPolicy().map(ModelSetup::policy).orElse(BreakPolicy.WAIT) : policy(policy),
                timeout.toNanos(),
                Dialect.SMB_3,
                d.directoryLeasing(),
                d.nlmBreakWaitNanos(),
                d.denyUnbrokenLease(),
                d.maxBlockedPerFile(),
                d.nlmGrantedBoundNanos(),
                NfsLockPolicy.IGNORE,
                shares,
                // the project's decisions (D-n) are the reference server's: embedded or serve --admin
                // (only Interlock's server has the admin endpoint)
                setup.admin().isPresent());
    }

    private static BreakPolicy policy(String name) {
        return BreakPolicy.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
