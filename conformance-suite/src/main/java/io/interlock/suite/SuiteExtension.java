package io.interlock.suite;

import io.interlock.scenarios.targets.ServerSettings;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands each suite test its {@link SuiteContext}: the {@link SuiteEnvironment} comes from the
 * launcher session's store, where {@link SuiteRun} put it, so the same suite classes run against
 * whatever target the run was given. The context is closed after the test.
 */
public final class SuiteExtension implements ParameterResolver, AfterEachCallback {
    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create("io.interlock.suite");
    static final String ENVIRONMENT = "environment";
    private static final String CONTEXT = "context";

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == SuiteContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        SuiteEnvironment env = e.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE)
                .get(ENVIRONMENT, SuiteEnvironment.class);
        if (env == null) {
            throw new ParameterResolutionException(
                    "suite tests run through SuiteRun (interlock run --suite ...), which hands them a target");
        }
        Method m = e.getRequiredTestMethod();
        try {
            SuiteContext ctx = env.open(e.getUniqueId(), m.getName(), settings(m));
            e.getStore(NAMESPACE).put(CONTEXT, ctx);
            return ctx;
        } catch (java.io.IOException ex) {
            throw new ParameterResolutionException("cannot prepare the target: " + ex.getMessage(), ex);
        }
    }

    private static ServerSettings settings(Method m) {
        Settings s = m.getAnnotation(Settings.class);
        if (s == null) {
            return ServerSettings.NONE;
        }
        return new ServerSettings(s.breakPolicy().isEmpty() ? null : s.breakPolicy(), null, List.of(s.faults()));
    }

    @Override
    public void afterEach(ExtensionContext e) {
        SuiteContext ctx = e.getStore(NAMESPACE).remove(CONTEXT, SuiteContext.class);
        if (ctx != null) {
            ctx.close();
        }
    }
}
