package io.interlock.server.smb2.handlers;

import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.time.ServerClock;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.ShareRegistry;
import io.interlock.server.smb2.pipe.ShareListCache;
import io.interlock.server.smb2.session.Smb2ConnectionRegistry;
import io.interlock.server.smb2.session.Smb2FileTable;
import io.interlock.server.smb2.session.Smb2LeaseBreaker;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the SMB handlers need from the rest of the server, built once per {@code Smb2Server}.
 *
 * @param leaseVersions lease version (1 or 2) fixed when a lease is created, by lease key; the RqLs
 *     response uses it ([MS-SMB2] 3.3.5.9.8)
 * @param shareList the share list srvsvc pipes snapshot (R-CACHE-1..5)
 * @param options SMB-only settings (encryption)
 */
public record Smb2Services(
        ServerConfig config,
        ShareRegistry shares,
        LockManager locks,
        ServerClock clock,
        FaultPoints faults,
        Smb2FileTable files,
        Smb2ConnectionRegistry connections,
        Smb2LeaseBreaker breaker,
        UUID serverGuid,
        AtomicLong ids,
        ConcurrentMap<io.interlock.server.core.lock.LeaseKey, Integer> leaseVersions,
        ShareListCache shareList,
        Smb2Options options,
        Smb2Stats stats) {

    /** Largest READ/WRITE/transact payload we advertise (smbclient uses up to 8 MiB). */
    public static final int MAX_IO = 8 * 1024 * 1024;

    public static Smb2Services create(
            ServerConfig config, ShareRegistry shares, LockManager locks, ServerClock clock, FaultPoints faults) {
        return create(config, shares, locks, clock, faults, Smb2Options.defaults());
    }

    public static Smb2Services create(
            ServerConfig config,
            ShareRegistry shares,
            LockManager locks,
            ServerClock clock,
            FaultPoints faults,
            Smb2Options options) {
        Smb2ConnectionRegistry conns = new Smb2ConnectionRegistry();
        return new Smb2Services(
                config,
                shares,
                locks,
                clock,
                faults,
                new Smb2FileTable(),
                conns,
                new Smb2LeaseBreaker(conns),
                UUID.randomUUID(),
                new AtomicLong(new java.security.SecureRandom().nextInt(1 << 20) + 1L),
                new ConcurrentHashMap<>(),
                new ShareListCache(shares::list, faults),
                options,
                new Smb2Stats());
    }

    /** A new non-zero id for sessions and handles. */
    public long nextId() {
        return ids.incrementAndGet();
    }
}
