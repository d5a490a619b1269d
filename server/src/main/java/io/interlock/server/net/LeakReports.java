package io.interlock.server.net;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every buffer leak Netty's {@link ResourceLeakDetector} reports (the "LEAK:" log lines),
 * so that a test run can fail on them instead of leaving them in a log nobody reads. Installed
 * once per JVM, before Netty creates its detectors (the integration tests' leak check does it
 * first thing); the reports are still logged as usual.
 */
public final class LeakReports {
    private static final List<String> REPORTS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private LeakReports() {}

    /** Makes every detector created from now on record its reports here. Idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(
                    Class<T> resource, int samplingInterval, long maxActive) {
                return new Recording<>(resource, samplingInterval);
            }

            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
                return new Recording<>(resource, samplingInterval);
            }
        });
    }

    /** Whether {@link #install()} ran in this JVM. */
    public static boolean installed() {
        return installed;
    }

    /** The leaks reported so far, and forgets them. */
    public static List<String> drain() {
        List<String> out = new ArrayList<>(REPORTS);
        REPORTS.removeAll(out);
        return out;
    }

    private static final class Recording<T> extends ResourceLeakDetector<T> {
        Recording(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        /** Record even when the "LEAK:" logger is switched off. */
        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            REPORTS.add("LEAK: " + resourceType + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            REPORTS.add("LEAK: " + resourceType + " (untraced)");
            super.reportUntracedLeak(resourceType);
        }
    }
}
