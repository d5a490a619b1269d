package io.interlock.scenarios.targets;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The controls of a whole running Interlock server, as {@code interlock serve --admin} exposes them
 * ({@link RemoteAdmin}). A target with one gives each scenario a fresh share with the scenario's
 * break policy and fault points ({@link AdminSetup}), as the embedded target does in-process.
 */
public interface ServerAdmin {

    /** Where the admin endpoint is, for reports. */
    String describe();

    /** The break timeout new breaks get. */
    Duration breakTimeout() throws IOException;

    void setBreakTimeout(Duration timeout) throws IOException;

    /** The names of the fault points switched on. */
    Set<String> faults() throws IOException;

    void setFault(String name, boolean on) throws IOException;

    /**
     * A share added at run time.
     *
     * @param name the share's name
     * @param smbShare the SMB share name
     * @param nfsExport the NFS export path to MOUNT
     */
    record AddedShare(String name, String smbShare, String nfsExport) {}

    /** Adds an enabled share backed by a fresh in-memory store; {@code breakPolicy} null = the server's. */
    AddedShare addShare(String name, String breakPolicy) throws IOException;

    /** False if there was no such share. */
    boolean removeShare(String name) throws IOException;

    /** False if there was no such share. */
    boolean disableShare(String name) throws IOException;

    /** The lease of (client GUID, lease key), if the server has it. */
    Optional<TargetAdmin.LeaseSnapshot> lease(UUID clientGuid, UUID leaseKey) throws IOException;

    /** Finished breaks for one trigger (WRITE, READ, LOCK, ...). */
    TargetAdmin.BreakCount breaks(String trigger) throws IOException;

    /** The enabled shares the server has now, by name. */
    List<String> shares() throws IOException;
}
