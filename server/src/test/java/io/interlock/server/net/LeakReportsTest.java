package io.interlock.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A leak Netty's detector reports ends up in {@link LeakReports}, which the IT leak check fails on. */
class LeakReportsTest {
    static final class Resource {}

    @Test
    void trackedResourceCollectedWithoutClose_isReported() {
        ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        try {
            LeakReports.install();
            LeakReports.drain();
            ResourceLeakDetector<Resource> detector =
                    ResourceLeakDetectorFactory.instance().newResourceLeakDetector(Resource.class);
            leakOne(detector);
            List<ResourceLeakTracker<Resource>> closed = new ArrayList<>();
            List<String> found = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                System.gc();
                Resource r = new Resource();
                ResourceLeakTracker<Resource> t = detector.track(r); // polls the reference queue
                t.close(r);
                closed.add(t);
                found.addAll(LeakReports.drain());
                return !found.isEmpty();
            });
            assertThat(found).anySatisfy(s -> assertThat(s).startsWith("LEAK: ").contains("Resource"));
        } finally {
            ResourceLeakDetector.setLevel(before);
        }
    }

    private static void leakOne(ResourceLeakDetector<Resource> detector) {
        detector.track(new Resource()); // never closed: a leak once collected
    }
}
