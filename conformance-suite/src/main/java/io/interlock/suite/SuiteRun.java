package io.interlock.suite;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.opentest4j.TestAbortedException;

/**
 * Runs suites through the JUnit Platform launcher against one {@link SuiteEnvironment} and turns
 * every test into a result of the run ({@link ScenarioResult}, so that run.json, the requirement
 * matrix, junit.xml and the summary show suites beside scenarios). A suite test's result has the id
 * {@code suite:AREA/METHOD}, cites the IDs of its {@link Requirement}, and carries its {@link
 * Evidence} as history. A failed assertion is FAIL, an exception ERROR, an assumption (a capability
 * the target lacks) SKIPPED with its reason.
 */
public final class SuiteRun {
    /** The prefix of suite result ids. */
    public static final String ID_PREFIX = "suite:";

    private SuiteRun() {}

    /**
     * What to run.
     *
     * @param areas the suites
     * @param tests test method names to run (empty: all of them)
     */
    public record Selection(Set<SuiteArea> areas, Set<String> tests) {
        public Selection {
            areas = Set.copyOf(areas);
            tests = Set.copyOf(tests);
        }
    }

    /** The result id of a suite test. */
    public static String id(SuiteArea area, String method) {
        return ID_PREFIX + area.id() + "/" + method;
    }

    /** Runs the selection; {@code progress} is told of each result as it comes. */
    public static List<ScenarioResult> run(SuiteEnvironment env, Selection sel, Consumer<ScenarioResult> progress) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (SuiteArea a : SuiteArea.values()) {
            if (!sel.areas().contains(a)) {
                continue;
            }
            if (sel.tests().isEmpty()) {
                selectors.add(selectClass(a.suiteClass()));
            } else {
                for (Method m : testMethods(a.suiteClass())) {
                    if (sel.tests().contains(m.getName())) {
                        selectors.add(selectMethod(a.suiteClass(), m));
                    }
                }
            }
        }
        if (selectors.isEmpty()) {
            return List.of();
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
        Collector collector = new Collector(env, progress);
        try (LauncherSession session = LauncherFactory.openSession()) {
            session.getStore()
                    .put(
                            Namespace.create(SuiteExtension.NAMESPACE.getParts().toArray()),
                            SuiteExtension.ENVIRONMENT,
                            env);
            session.getLauncher().execute(request, collector);
        }
        return collector.results();
    }

    /** The test methods of a suite class, in declaration order as far as reflection keeps it. */
    public static List<Method> testMethods(Class<?> suite) {
        return Arrays.stream(suite.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .toList();
    }

    /** The requirement IDs a test cites. */
    public static List<String> requirements(Method m) {
        Requirement r = m.getAnnotation(Requirement.class);
        return r == null ? List.of() : List.of(r.value());
    }

    /** "operation / condition / expectation" from {@code operation_condition_expectation}. */
    static String title(String method) {
        return String.join(" / ", method.split("_"));
    }

    private static final class Collector implements TestExecutionListener {
        private final SuiteEnvironment env;
        private final Consumer<ScenarioResult> progress;
        private final Map<String, Long> started = new ConcurrentHashMap<>();
        private final List<ScenarioResult> results = new ArrayList<>();

        Collector(SuiteEnvironment env, Consumer<ScenarioResult> progress) {
            this.env = env;
            this.progress = progress;
        }

        synchronized List<ScenarioResult> results() {
            return List.copyOf(results);
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            started.put(id.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            for (Method m : methodsOf(id)) {
                add(id, m, Verdict.SKIPPED, reason, 0);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            long t0 = started.getOrDefault(id.getUniqueId(), System.nanoTime());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (!id.isTest()) {
                // a suite class that failed before its tests ran: every test of it is an ERROR
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    for (Method m : methodsOf(id)) {
                        add(id, m, Verdict.ERROR, "the suite could not run: " + message(result.getThrowable()), ms);
                    }
                }
                return;
            }
            Optional<Method> m = method(id);
            if (m.isEmpty()) {
                return;
            }
            Throwable t = result.getThrowable().orElse(null);
            switch (result.getStatus()) {
                case SUCCESSFUL -> add(id, m.get(), Verdict.PASS, "every assertion held", ms);
                case ABORTED -> add(id, m.get(), Verdict.SKIPPED, skipReason(t), ms);
                case FAILED ->
                    add(
                            id,
                            m.get(),
                            t instanceof AssertionError ? Verdict.FAIL : Verdict.ERROR,
                            message(Optional.ofNullable(t)),
                            ms);
            }
        }

        private static String skipReason(Throwable t) {
            if (t instanceof TestAbortedException a && a.getMessage() != null) {
                return a.getMessage().replaceFirst("^Assumption failed: ", "");
            }
            return t == null ? "skipped" : t.toString();
        }

        private static String message(Optional<Throwable> t) {
            if (t.isEmpty()) {
                return "failed";
            }
            Throwable x = t.get();
            String m =
                    x instanceof AssertionError ? x.getMessage() : x.getClass().getSimpleName() + ": " + x.getMessage();
            if (x.getCause() != null && !(x instanceof AssertionError)) {
                m += " (cause: " + x.getCause() + ")";
            }
            return m == null ? x.toString() : m;
        }

        private static Optional<Method> method(TestIdentifier id) {
            return id.getSource().filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getJavaMethod());
        }

        private static Collection<Method> methodsOf(TestIdentifier id) {
            Optional<Method> m = method(id);
            if (m.isPresent()) {
                return List.of(m.get());
            }
            return id.getSource()
                    .filter(org.junit.platform.engine.support.descriptor.ClassSource.class::isInstance)
                    .map(s ->
                            testMethods(((org.junit.platform.engine.support.descriptor.ClassSource) s).getJavaClass()))
                    .orElse(List.of());
        }

        private synchronized void add(TestIdentifier id, Method m, Verdict v, String reason, long ms) {
            SuiteArea area = SuiteArea.ofClass(m.getDeclaringClass());
            ScenarioResult r = new ScenarioResult(
                    SuiteRun.id(area, m.getName()),
                    title(m.getName()),
                    requirements(m),
                    v,
                    reason,
                    "interlock run --suite " + area.id() + " --test " + m.getName(),
                    0,
                    ms,
                    env.evidence(id.getUniqueId()).map(Evidence::events).orElse(List.of()));
            results.add(r);
            progress.accept(r);
        }
    }
}
