package io.interlock.server.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The per-connection lane keeps running after a task fails, even with an Error (issue 10, defect
 * 2), and runs a task on the caller only when that keeps the order (issue 11).
 */
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

    @Test
    void runNowOrQueue_idleLane_runsOnCallerWithoutThePool() {
        ManualPool pool = new ManualPool();
        SerialLane lane = new SerialLane(pool);
        List<String> ran = new ArrayList<>();
        lane.runNowOrQueue(() -> ran.add("now"));
        assertThat(ran).containsExactly("now");
        assertThat(pool.queued).isEmpty();
    }

    @Test
    void runNowOrQueue_pinnedPool_queuesOnThePoolEvenWhenIdle() {
        ManualPool pool = new ManualPool();
        SerialLane lane = new SerialLane(PinnedExecutor.of(pool));
        List<String> ran = new ArrayList<>();
        lane.runNowOrQueue(() -> ran.add("pinned"));
        assertThat(ran).isEmpty();
        pool.runAll();
        assertThat(ran).containsExactly("pinned");
    }

    @Test
    void runNowOrQueue_tasksQueued_runsAfterThemInOrder() {
        ManualPool pool = new ManualPool();
        SerialLane lane = new SerialLane(pool);
        List<String> ran = new ArrayList<>();
        lane.execute(() -> ran.add("first"));
        lane.runNowOrQueue(() -> ran.add("second"));
        assertThat(ran).isEmpty();
        pool.runAll();
        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void runNowOrQueue_taskSubmitsMore_submittedTaskRunsAfterOnThePool() {
        ManualPool pool = new ManualPool();
        SerialLane lane = new SerialLane(pool);
        List<String> ran = new ArrayList<>();
        lane.runNowOrQueue(() -> {
            lane.execute(() -> ran.add("queued meanwhile"));
            lane.runNowOrQueue(() -> ran.add("nested"));
            ran.add("outer");
        });
        assertThat(ran).containsExactly("outer");
        pool.runAll();
        assertThat(ran).containsExactly("outer", "queued meanwhile", "nested");
    }

    @Test
    void runNowOrQueue_taskThrows_laneStaysUsable() {
        ManualPool pool = new ManualPool();
        SerialLane lane = new SerialLane(pool);
        List<String> ran = new ArrayList<>();
        lane.runNowOrQueue(() -> {
            throw new IllegalStateException("boom");
        });
        lane.runNowOrQueue(() -> ran.add("next"));
        assertThat(ran).containsExactly("next");
    }
}
