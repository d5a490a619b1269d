package io.interlock.scenarios.engine;

import io.interlock.scenarios.clients.nlm.NlmCallback;
import io.interlock.scenarios.model.ModelInput;
import io.interlock.scenarios.model.ModelOutput;
import io.interlock.scenarios.model.Window;
import io.interlock.scenarios.proxy.Direction;
import io.interlock.scenarios.proxy.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts a lockstep run into the windows the reference model checks: each decision that gives the
 * server something (a request frame delivered to it, virtual time passing, a share administration
 * call) opens a window; everything the server sends until the next decision is that window's
 * output. The scheduler settles the whole system before each decision, so every output lands in the
 * window of the input that caused it.
 *
 * <p>Decisions that give the server nothing (a frame delivered to a client, a step started) open no
 * window; an output arriving then belongs to the window before (the model then judges it there).
 *
 * <p>A watched run (a target without lockstep, {@link WireWatch}) has no deliveries: a request opens
 * its window when it reaches the proxy, and late outputs open a time window first ({@link
 * #passed}).
 */
final class ModelWindows {
    private final WireInterpreter wire;
    private final Function<io.interlock.scenarios.proxy.Connection, String> owner;
    private final long start;
    private final List<Window> windows = new ArrayList<>();
    private long decision = -1; // guarded by this
    private ModelInput input; // guarded by this
    private List<ModelOutput> outputs = new ArrayList<>(); // guarded by this
    private int grantsSeen;
    private boolean learning = true; // guarded by this
    private final java.util.function.LongSupplier clock;
    private final long lateNanos;
    private long openedAt; // guarded by this

    /**
     * A lockstep run's windows.
     *
     * @param owner the client a proxy connection belongs to
     * @param startNanos the engine clock when the program's windows begin (model time 0)
     */
    ModelWindows(Function<io.interlock.scenarios.proxy.Connection, String> owner, long startNanos) {
        this(owner, startNanos, () -> startNanos, Long.MAX_VALUE, io.interlock.scenarios.targets.PathMapping.IDENTITY);
    }

    /**
     * A watched run's windows ({@link WireWatch}: frames pass the proxy at once, on real time).
     * The server is given its input when a request frame reaches the proxy; an output that comes
     * more than {@code lateNanos} after the window's input was not that input's immediate answer
     * (the scheduler lets the system go quiet for that long before each decision), so time has
     * passed: a time window opens first, at the output's time, and the model judges the output
     * there (a break timer that fired, a waiter granted late).
     *
     * @param clock the engine clock (real time)
     * @param lateNanos how long after its input an output still belongs to that input's window
     * @param scope where the program's files are in the share and the export (the model's paths are
     *     relative to it)
     */
    ModelWindows(
            Function<io.interlock.scenarios.proxy.Connection, String> owner,
            long startNanos,
            java.util.function.LongSupplier clock,
            long lateNanos,
            io.interlock.scenarios.targets.PathMapping scope) {
        this.wire = new WireInterpreter(scope);
        this.owner = owner;
        this.start = startNanos;
        this.clock = clock;
        this.lateNanos = lateNanos;
    }

    /**
     * Watched mode: a frame passed the proxy (called under the proxy's lock, before it is forwarded):
     * a request opens a window at once, a reply joins the open one (after a time window, when late).
     */
    synchronized void passed(long index, Frame f, String handleHint) {
        if (learning) {
            arrived(f);
            return;
        }
        if (f.direction() == Direction.TO_SERVER) {
            ModelInput in = wire.request(f, owner.apply(f.connection()), handleHint);
            if (in != null) {
                open(index, in);
            }
        } else {
            late(index);
            outputs.addAll(wire.outputs(f, owner.apply(f.connection())));
        }
    }

    /** Watched mode: an output is coming now; when it is late, time passed first. */
    private void late(long index) {
        long now = clock.getAsLong();
        if (input != null && now - openedAt > lateNanos) {
            open(index, new ModelInput.TimePasses(now - start));
        }
    }

    /**
     * A frame reached the proxy (called under the proxy's lock): a server output joins the open
     * window. While the clients connect (frames pass at once), frames only teach the interpreter
     * (the export's root handle from MNT, say): no window is open yet.
     */
    synchronized void arrived(Frame f) {
        if (learning) {
            if (f.direction() == Direction.TO_SERVER) {
                wire.request(f, owner.apply(f.connection()), null);
            } else {
                wire.outputs(f, owner.apply(f.connection()));
            }
            return;
        }
        if (f.direction() == Direction.TO_CLIENT) {
            outputs.addAll(wire.outputs(f, owner.apply(f.connection())));
        }
    }

    /** The clients are connected: from now on the frames are the program's. */
    synchronized void begin() {
        learning = false;
    }

    /** The scheduler takes decision {@code index}: delivering {@code f} to the server. */
    synchronized void toServer(long index, Frame f, String handleHint) {
        ModelInput in = wire.request(f, owner.apply(f.connection()), handleHint);
        if (in != null) {
            open(index, in);
        }
    }

    /** The scheduler moves virtual time to {@code nanos} (the engine clock). */
    synchronized void timePasses(long index, long nanos) {
        open(index, new ModelInput.TimePasses(nanos - start));
    }

    /**
     * The scheduler starts a step that reaches the server without the proxy (share administration
     * through the target's admin, a share listing): returns the request id its reply will name.
     */
    synchronized long engineRequest(long index, java.util.function.LongFunction<ModelInput> input) {
        long req = wire.newReq();
        open(index, input.apply(req));
        return req;
    }

    /** The reply of an {@link #engineRequest}, once the step completed (before the next decision). */
    synchronized void engineReply(long req, String status, io.interlock.scenarios.model.Payload payload) {
        outputs.add(new ModelOutput.Reply(req, status, payload));
    }

    /** GRANTED callbacks the server made so far (the engine's listener keeps them all, in order). */
    synchronized void grants(List<NlmCallback> all) {
        grants(decision, all);
    }

    /** As {@link #grants(List)}, in watched mode at decision {@code index} (a late grant after a time window). */
    synchronized void grants(long index, List<NlmCallback> all) {
        // the callbacks that came since the last settle came together as far as the schedule
        // knows (the server calls each granted waiter back on its own thread, straight to the
        // listener): in a canonical order, not in the order their threads happened to run
        List<NlmCallback> fresh = new ArrayList<>(all.subList(Math.min(grantsSeen, all.size()), all.size()));
        fresh.sort(java.util.Comparator.comparing((NlmCallback cb) -> String.valueOf(cb.callerName()))
                .thenComparingInt(cb -> cb.lock() == null ? -1 : cb.lock().svid())
                .thenComparingLong(cb -> cb.lock() == null ? -1 : cb.lock().offset())
                .thenComparingLong(cb -> cb.lock() == null ? -1 : cb.lock().length())
                .thenComparing(cb -> cb.exclusive()));
        for (NlmCallback cb : fresh) {
            if (cb.procedure() == NlmCallback.GRANTED && cb.lock() != null) {
                if (lateNanos != Long.MAX_VALUE) {
                    late(index);
                }
                String path = wire.pathOf(cb.lock().fh());
                outputs.add(new ModelOutput.NlmGranted(
                        cb.callerName(),
                        new ModelInput.NlmOwner(cb.callerName(), cb.lock().svid()),
                        path == null ? "?" : path,
                        cb.lock().offset(),
                        cb.lock().length(),
                        cb.exclusive()));
            }
        }
        grantsSeen = Math.max(grantsSeen, all.size());
    }

    private void open(long index, ModelInput in) {
        close();
        decision = index;
        input = in;
        openedAt = clock.getAsLong();
        outputs = new ArrayList<>();
    }

    private void close() {
        if (input != null) {
            windows.add(new Window(decision, input, List.copyOf(outputs)));
        } else if (!outputs.isEmpty()) {
            // output before any input of the program (a late reply to the connect phase): unjudged
            outputs = new ArrayList<>();
        }
        input = null;
    }

    /** The windows of the run, the last one closed. */
    synchronized List<Window> finish() {
        close();
        return List.copyOf(windows);
    }
}
