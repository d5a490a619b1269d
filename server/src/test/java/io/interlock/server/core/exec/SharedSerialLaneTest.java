package io.interlock.server.core.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The lockstep harness's one FIFO over the SMB and NFS handler pools: the continuations a single
 * wake-up releases run one at a time, in the order they were submitted, each on its own pool.
 */
class SharedSerialLaneTest {
    /** A pool that runs nothing until told to, and remembers which pool ran what. */
    private static final class ManualPool implements Executor {
        final String name;
        final Queue<Runnable> queued = new ArrayDeque<>();
        boolean shutDown;

        ManualPool(String name) {
            this.name = name;
        }

        @Override
        public void execute(Runnable r) {
            if (shutDown) {
                throw new RejectedExecutionException(name + " shut down");
            }
            queued.add(r);
        }

        boolean runOne() {
            Runnable r = queued.poll();
            if (r == null) {
                return false;
            }
            r.run();
            return true;
        }
    }

    private static void runEverything(ManualPool... pools) {
        boolean any = true;
        while (any) {
            any = false;
            for (ManualPool p : pools) {
                any |= p.runOne();
            }
        }
    }

    @Test
    void execute_tasksOnTwoPools_runOneAtATimeInSubmissionOrderEachOnItsPool() {
        ManualPool smb = new ManualPool("smb");
        ManualPool nfs = new ManualPool("nfs");
        SharedSerialLane lane = new SharedSerialLane();
        Executor onSmb = lane.on(smb);
        Executor onNfs = lane.on(nfs);
        List<String> ran = new ArrayList<>();

        onNfs.execute(() -> ran.add("nfs-1"));
        onSmb.execute(() -> ran.add("smb-2"));
        onNfs.execute(() -> ran.add("nfs-3"));

        assertThat(smb.queued).as("only the oldest task is handed to a pool").isEmpty();
        assertThat(nfs.queued).hasSize(1);
        // the SMB pool gets its task only once the NFS task before it has finished
        runEverything(smb, nfs);
        assertThat(ran).containsExactly("nfs-1", "smb-2", "nfs-3");
    }

    @Test
    void execute_taskSubmitsAnother_theNewTaskRunsAfterThoseAlreadyQueued() {
        ManualPool smb = new ManualPool("smb");
        ManualPool nfs = new ManualPool("nfs");
        SharedSerialLane lane = new SharedSerialLane();
        List<String> ran = new ArrayList<>();

        lane.on(smb).execute(() -> {
            ran.add("ack");
            // a wake-up: two continuations released in the waiters' order
            lane.on(smb).execute(() -> ran.add("create"));
            lane.on(nfs).execute(() -> ran.add("write"));
        });
        lane.on(nfs).execute(() -> ran.add("queued-before"));

        runEverything(nfs, smb);
        assertThat(ran).containsExactly("ack", "queued-before", "create", "write");
    }

    @Test
    void execute_taskThrows_laterTasksStillRun() {
        ManualPool pool = new ManualPool("smb");
        SharedSerialLane lane = new SharedSerialLane();
        List<String> ran = new ArrayList<>();
        lane.on(pool).execute(() -> {
            throw new IllegalStateException("boom (test)");
        });
        lane.on(pool).execute(() -> ran.add("second"));
        runEverything(pool);
        assertThat(ran).containsExactly("second");
    }

    @Test
    void execute_poolShutDown_rejectsAndLaterTasksOnOtherPoolsStillRun() {
        ManualPool nfs = new ManualPool("nfs");
        ManualPool smb = new ManualPool("smb");
        SharedSerialLane lane = new SharedSerialLane();
        List<String> ran = new ArrayList<>();
        nfs.shutDown = true;
        assertThatThrownBy(() -> lane.on(nfs).execute(() -> ran.add("refused")))
                .isInstanceOf(RejectedExecutionException.class);
        lane.on(smb).execute(() -> ran.add("smb"));
        runEverything(nfs, smb);
        assertThat(ran).containsExactly("smb");
    }
}
