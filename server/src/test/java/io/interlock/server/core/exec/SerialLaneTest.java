package io.interlock.server.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The per-connection lane keeps running after a task fails, even with an Error (issue 10, defect 2). */
class SerialLaneTest {
    /** A pool that runs nothing until told to: the test decides when the lane drains. */
    private static final class ManualPool implements Executor {
        final Queue<Runnable> queued = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            queued.add(r);
        }

        void runAll() {
            Runnable r;
            while ((r = queued.poll()) != null) {
                try {
                    r.run();
                } catch (Throwable t) {
                    // a pool thread would die here; the lane must not depend on it surviving
                }
            }
        }
    }

    @Test
    void execute_taskThrowsOutOfMemoryError_laterTasksStillRun() {
        ManualPool pool = new ManualPool();
        SerialLane lane = new SerialLane(pool);
        List<String> ran = new ArrayList<>();
        lane.execute(() -> {
            throw new OutOfMemoryError("Java heap space (test)");
        });
        lane.execute(() -> ran.add("second"));
        pool.runAll();
        assertThat(ran).containsExactly("second");
        lane.execute(() -> ran.add("third"));
        pool.runAll();
        assertThat(ran).containsExactly("second", "third");
    }

    @Test
    void execute_taskThrowsRuntimeException_laterTasksStillRun() {
        ManualPool pool = new ManualPool();
        SerialLane lane = new SerialLane(pool);
        List<String> ran = new ArrayList<>();
        lane.execute(() -> {
            throw new IllegalStateException("boom");
        });
        lane.execute(() -> ran.add("second"));
        pool.runAll();
        assertThat(ran).containsExactly("second");
    }
}
