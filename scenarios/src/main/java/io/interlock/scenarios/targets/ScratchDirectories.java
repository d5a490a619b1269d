package io.interlock.scenarios.targets;

import io.interlock.scenarios.clients.nfs.NfsClient;
import io.interlock.scenarios.clients.nfs.NfsClientOptions;
import io.interlock.scenarios.clients.smb.SmbLeaseClient;
import io.interlock.scenarios.clients.smb.SmbOpen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh directories for scenarios on a target that cannot give each scenario a share of its own
 * (a Samba + ganesha pair, a NAS): {@code interlock-<run>/s<n>} under the mapped directory, made
 * through NFS where the target has it (MKDIR), else through SMB (CREATE of a directory). Scenarios
 * then never see each other's files. The directories are left behind on remote targets (a local
 * target deletes its whole tree).
 */
public final class ScratchDirectories {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final String run;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean runDirMade;

    public ScratchDirectories() {
        this("interlock-" + LocalDateTime.now().format(STAMP) + "-"
                + ProcessHandle.current().pid());
    }

    ScratchDirectories(String run) {
        this.run = run;
    }

    String run() {
        return run;
    }

    /** Makes the next scenario directory and returns the mapping of the scenario's paths into it. */
    synchronized PathMapping next(Target target, PathMapping base) throws IOException {
        String dir = run + "/s" + next.incrementAndGet();
        if (target.nfs().isPresent()) {
            NfsEndpoint n = target.nfs().get();
            NfsClient d = n.connect(NfsClientOptions.defaults(next.get()));
            try {
                if (!runDirMade && !d.exists(base.nfs(run))) {
                    d.mkdir(base.nfs(run));
                }
                d.mkdir(base.nfs(dir));
            } finally {
                d.close();
            }
        } else if (target.smb().isPresent()) {
            SmbEndpoint e = target.smb().get();
            try (SmbLeaseClient c = SmbLeaseClient.connect(
                    e.host(), e.port(), e.share(), e.user(), e.password(), new UUID(0, 1), Duration.ofSeconds(30))) {
                for (String d : new String[] {run, dir}) {
                    SmbOpen o = c.open(base.smb(d), null, 0, io.interlock.scenarios.clients.smb.LeaseVersion.V2, true);
                    c.close(o);
                }
            }
        } else {
            return base;
        }
        runDirMade = true;
        return base.under(dir);
    }

    /**
     * The target as it is, the scenario's files in a fresh directory made on first use of {@link
     * TargetSetup#paths()} (the engine asks once, after deciding the scenario runs).
     */
    public static TargetSetup setup(Target t, ScratchDirectories scratch, PathMapping base) {
        return setup(t, scratch, base, Optional.empty());
    }

    /** As {@link #setup(Target, ScratchDirectories, PathMapping)}, with the target's NLM callback route. */
    public static TargetSetup setup(
            Target t, ScratchDirectories scratch, PathMapping base, Optional<NlmCallbackRoute> callbacks) {
        return new TargetSetup() {
            @Override
            public Optional<NlmCallbackRoute> nlmCallback() {
                return callbacks;
            }

            private PathMapping dir;

            @Override
            public Optional<String> skipReason() {
                return Optional.empty();
            }

            @Override
            public Optional<SmbEndpoint> smb() {
                return t.smb();
            }

            @Override
            public Optional<NfsEndpoint> nfs() {
                return t.nfs();
            }

            @Override
            public synchronized PathMapping paths() {
                if (dir == null) {
                    try {
                        dir = scratch.next(t, base);
                    } catch (IOException e) {
                        throw new UncheckedIOException(
                                "cannot make the scenario's directory on " + t.describe() + ": " + e.getMessage(), e);
                    }
                }
                return dir;
            }
        };
    }
}
