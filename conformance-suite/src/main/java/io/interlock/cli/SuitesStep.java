package io.interlock.cli;

import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.scenarios.targets.Target;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.suite.SuiteEnvironment;
import io.interlock.suite.SuiteRun;
import io.interlock.suite.VirtualTimeTarget;
import io.interlock.suite.torture.SmbtortureAdapter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The suites part of {@code interlock run}: our suites through the JUnit Platform launcher, then any
 * smbtorture suites, against the embedded server on a virtual clock (so timeout requirements run at
 * their real values in milliseconds). Results come back attributed to that target.
 */
final class SuitesStep {
    private SuitesStep() {}

    /**
     * Runs our suites against a fresh embedded server built from {@code cfg} on a virtual clock, and
     * smbtorture against another fresh one on the system clock (smbtorture waits out the 35 s break
     * timer itself, in real time; the run's own embedded server is driven in lockstep by the engine).
     */
    static List<ScenarioResult> runEmbedded(ServerConfig cfg, SuiteOptions.Plan plan, PrintWriter o) {
        List<ScenarioResult> out = new ArrayList<>();
        if (!plan.areas().isEmpty()) {
            try (VirtualTimeTarget target = VirtualTimeTarget.start(cfg)) {
                out.addAll(run(target, new SuiteOptions.Plan(plan.areas(), plan.tests(), List.of()), o));
            } catch (IOException e) {
                throw new UserError("cannot start the embedded server for the suites: " + e.getMessage(), 1);
            }
        }
        if (!plan.torture().isEmpty()) {
            try (EmbeddedTarget realTime = EmbeddedTarget.start(cfg)) {
                out.addAll(run(
                        realTime, new SuiteOptions.Plan(java.util.Set.of(), java.util.Set.of(), plan.torture()), o));
            } catch (IOException e) {
                throw new UserError("cannot start the embedded server for smbtorture: " + e.getMessage(), 1);
            }
        }
        return out;
    }

    /** Runs the plan against {@code target}. */
    static List<ScenarioResult> run(Target target, SuiteOptions.Plan plan, PrintWriter o) {
        String where = target.describe();
        List<ScenarioResult> out = new ArrayList<>();
        if (!plan.areas().isEmpty()) {
            SuiteEnvironment env = SuiteEnvironment.of(target);
            out.addAll(SuiteRun.run(env, new SuiteRun.Selection(plan.areas(), plan.tests()), r -> {
                if (r.verdict() == Verdict.FAIL || r.verdict() == Verdict.ERROR) {
                    o.println(r.verdict() + " " + r.id() + ": " + r.reason());
                    o.flush();
                }
            }));
        }
        if (!plan.torture().isEmpty()) {
            out.addAll(SmbtortureAdapter.run(target, plan.torture()));
        }
        return out.stream().map(r -> r.withTarget(where)).toList();
    }
}
