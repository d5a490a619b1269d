package io.interlock.suite.torture;

import io.interlock.reports.ScenarioResult;
import io.interlock.scenarios.targets.Target;
import java.util.List;

/** Placeholder until the adapter is written. */
public final class SmbtortureAdapter {
    private SmbtortureAdapter() {}

    public static List<ScenarioResult> run(Target target, List<String> suites) {
        return List.of();
    }
}
