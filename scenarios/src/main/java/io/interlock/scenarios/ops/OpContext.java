package io.interlock.scenarios.ops;

import io.interlock.scenarios.clients.nfs.NfsClient;
import io.interlock.scenarios.clients.nlm.NlmSession;
import io.interlock.scenarios.clients.smb.LeaseBreakEvent;
import io.interlock.scenarios.clients.smb.SmbClient;
import io.interlock.scenarios.clients.smb.SmbOpen;
import io.interlock.scenarios.targets.TargetAdmin;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What an op runs against: the program's clients by name, the handles its steps opened, the
 * target's administration, and the engine's bounded waits. One per step execution; the engine
 * implements it. Every wait goes through {@link #await} so that the engine's scheduler knows the
 * client is blocked and bounds the wait by the step's timeout on the engine's clock.
 */
public interface OpContext {

    /** The id of the step being run (names cached writes, lost-write explanations). */
    String stepId();

    SmbClient smb(String client);

    NfsClient nfs(String client);

    NlmSession nlm(String client);

    /** The target's administration; the program is skipped when the target has none. */
    TargetAdmin admin();

    /**
     * The target's disk shares as a newly opened srvsvc pipe lists them: through the engine's srvsvc
     * client, or with {@code smbclient} through Samba's {@code smbclient -L}.
     */
    List<String> listShares(boolean smbclient) throws Exception;

    /** Breaks the target finished for {@code trigger} since the program started. */
    BreakCount breaksSinceStart(String trigger) throws Exception;

    /** @param count finished breaks @param timedOut of those, ended by the timer */
    record BreakCount(long count, long timedOut) {}

    /** Skips the program when {@code client}'s server offers no leasing (or directory leasing). */
    void requireLeasing(String client, boolean directory);

    /** The lease key of {@code client}'s handle (fixed per program run, drawn from its seed). */
    UUID leaseKey(String client, String handle);

    void opened(String client, String handle, SmbOpen open);

    void closed(String client, String handle);

    /** An open handle of {@code client}; a missing one is a harness error. */
    SmbOpen handle(String client, String handle);

    /** Waits for {@code f}, bounded by the step's timeout; {@code what} names it in a timeout failure. */
    <T> T await(CompletableFuture<T> f, String what) throws Exception;

    /** Notes the break {@code client} took (what a later {@code smb.ack} acknowledges). */
    void breakTaken(String client, LeaseBreakEvent e);

    LeaseBreakEvent lastBreak(String client);

    /** Waits until the target's own view of the lease of {@code client}'s handle is {@code state}, not breaking. */
    String awaitLeaseState(String client, String handle, int state) throws Exception;

    /** Lets {@code d} of the engine's clock pass (virtual time: at no wall-time cost). */
    void pause(java.time.Duration d) throws Exception;

    /** Waits, bounded by the step's timeout, until the async step {@code stepId} completed. */
    void join(String stepId) throws Exception;

    /**
     * What a LOCK or UNLOCK failure means: STATUS_NOT_SUPPORTED that the step did not expect says
     * the target lacks SMB2 LOCK (the program is skipped); anything else is returned as it is.
     */
    Exception unsupportedLock(Exception e);
}
