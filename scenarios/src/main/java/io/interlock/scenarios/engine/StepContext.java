package io.interlock.scenarios.engine;

import io.interlock.scenarios.clients.nfs.NfsClient;
import io.interlock.scenarios.clients.nlm.NlmSession;
import io.interlock.scenarios.clients.smb.LeaseBits;
import io.interlock.scenarios.clients.smb.LeaseBreakEvent;
import io.interlock.scenarios.clients.smb.SmbClient;
import io.interlock.scenarios.clients.smb.SmbOpen;
import io.interlock.scenarios.clients.smb.SmbStatusException;
import io.interlock.scenarios.ops.OpContext;
import io.interlock.scenarios.ops.Step;
import io.interlock.scenarios.targets.TargetAdmin;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** The {@link OpContext} of one step of a {@link ProgramRun}. */
final class StepContext implements OpContext {
    private static final long STATUS_NOT_SUPPORTED = 0xC00000BBL;

    private final ProgramRun run;
    private final Step step;

    StepContext(ProgramRun run, Step step) {
        this.run = run;
        this.step = step;
    }

    @Override
    public String stepId() {
        return step.id();
    }

    @Override
    public SmbClient smb(String client) {
        return run.clients().smb(client);
    }

    @Override
    public NfsClient nfs(String client) {
        return run.clients().nfs(client);
    }

    @Override
    public NlmSession nlm(String client) {
        return run.clients().nlm(client);
    }

    @Override
    public TargetAdmin admin() {
        return run.setup().admin().orElseThrow(() -> {
            String why = step.name() + " needs an admin endpoint on the target (share changes, lease table, break"
                    + " counters: the embedded server or interlock serve --admin)";
            // share changes: later steps depend on them; observing steps skip only themselves
            return step.name().startsWith("share.") ? new ScenarioSkip(why) : new StepSkip(why);
        });
    }

    @Override
    public List<String> listShares(boolean smbclient) throws Exception {
        // past the proxy: a listing is one call of the engine's, not a client's frames to schedule
        io.interlock.scenarios.targets.SmbEndpoint e =
                run.setup().smb().orElseThrow(() -> new ScenarioSkip("target offers no SMB"));
        if (smbclient) {
            return SmbclientShareList.list(e);
        }
        return io.interlock.scenarios.clients.smb.SrvsvcClient.listDiskShares(
                e.host(),
                e.port(),
                e.user(),
                e.password(),
                Duration.ofSeconds(30),
                io.interlock.scenarios.clients.ClientActivity.NONE);
    }

    @Override
    public BreakCount breaksSinceStart(String trigger) {
        TargetAdmin.BreakCount now = admin().breaks(trigger);
        TargetAdmin.BreakCount before = run.clients().baseline(trigger);
        return new BreakCount(now.count() - before.count(), now.timedOut() - before.timedOut());
    }

    @Override
    public void requireLeasing(String client, boolean directory) {
        run.clients().requireLeasing(client, directory);
    }

    @Override
    public UUID leaseKey(String client, String handle) {
        return run.clients().leaseKey(client, handle);
    }

    @Override
    public void opened(String client, String handle, SmbOpen open) {
        run.clients().opened(client, handle, open);
    }

    @Override
    public void closed(String client, String handle) {
        run.clients().closed(client, handle);
    }

    @Override
    public SmbOpen handle(String client, String handle) {
        return run.clients().handle(client, handle);
    }

    @Override
    public <T> T await(CompletableFuture<T> f, String what) throws Exception {
        run.bounded(f, run.timeoutOf(step), what);
        run.lanes().blocking(f);
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } finally {
            run.lanes().unblocked();
        }
    }

    @Override
    public void breakTaken(String client, LeaseBreakEvent e) {
        run.clients().breakTaken(client, e);
    }

    @Override
    public LeaseBreakEvent lastBreak(String client) {
        return run.clients().lastBreak(client);
    }

    @Override
    public String awaitLeaseState(String client, String handle, int state) throws Exception {
        TargetAdmin a = admin();
        UUID key = run.clients().handle(client, handle).leaseKey();
        if (key == null) {
            throw new ScenarioError("step " + step.id() + ": " + client + " requested no lease on " + handle);
        }
        UUID guid = smb(client).clientGuid();
        UUID wireGuid = msDtypGuid(guid);
        java.util.function.Supplier<Optional<TargetAdmin.LeaseSnapshot>> view =
                () -> a.lease(wireGuid, key).or(() -> a.lease(guid, key));
        CompletableFuture<Void> reached = new CompletableFuture<>();
        run.addCondition(
                () -> view.get().map(v -> v.state() == state && !v.breaking()).orElse(false), reached);
        try {
            await(reached, "lease state " + LeaseBits.format(state));
            return "server holds " + LeaseBits.format(state) + ", not breaking";
        } catch (java.util.concurrent.TimeoutException e) {
            Optional<TargetAdmin.LeaseSnapshot> v = view.get();
            throw new IOException(v.map(x -> "server lease state " + LeaseBits.format(x.state())
                                    + (x.breaking() ? " breaking to " + LeaseBits.format(x.breakTo()) : ""))
                            .orElse("server has no such lease")
                    + " after " + run.timeoutOf(step) + ", expected " + LeaseBits.format(state));
        }
    }

    /**
     * smbj puts the ClientGuid on the wire as an MS-DTYP GUID (Data1, Data2, Data3 little-endian);
     * a server that keeps the 16 wire bytes as they came sees this UUID.
     */
    static UUID msDtypGuid(UUID u) {
        long m = u.getMostSignificantBits();
        long d1 = Integer.toUnsignedLong(Integer.reverseBytes((int) (m >>> 32)));
        long d2 = Short.toUnsignedLong(Short.reverseBytes((short) (m >>> 16)));
        long d3 = Short.toUnsignedLong(Short.reverseBytes((short) m));
        return new UUID(d1 << 32 | d2 << 16 | d3, u.getLeastSignificantBits());
    }

    @Override
    public void pause(Duration d) throws Exception {
        CompletableFuture<Void> passed = new CompletableFuture<>();
        run.clock().schedule(d.toNanos(), () -> passed.complete(null));
        await(passed, d + " of time");
    }

    @Override
    public void join(String stepId) throws Exception {
        ProgramRun.StepState s = run.stepState(stepId);
        await(s.done.copy(), "completion of step " + stepId);
    }

    @Override
    public Exception unsupportedLock(Exception e) {
        if (e instanceof SmbStatusException se
                && se.status() == STATUS_NOT_SUPPORTED
                && !step.statusMatches("STATUS_NOT_SUPPORTED")) {
            throw new ScenarioSkip(
                    "target does not implement SMB2 LOCK (" + step.name() + " answered STATUS_NOT_SUPPORTED)");
        }
        return e;
    }

    Duration timeout() {
        return run.timeoutOf(step);
    }
}
