package io.interlock.server.runtime;

import io.interlock.server.core.vfs.memory.MemoryBudget;
import java.time.Duration;

/**
 * What the server allows a connection (and the in-memory store) before it defends itself. Loaded
 * from the {@code limits:} block of the YAML config, e.g.
 *
 * <pre>
 * limits:
 *   idle-timeout: PT15M        # no byte in either direction for this long: closed (PT0S: never)
 *   login-timeout: PT60S       # SMB: no successful SESSION_SETUP, RPC: no accepted call (PT0S: never)
 *   request-timeout: PT60S     # a frame or RPC record started but not finished for this long (PT0S: never)
 *   max-connections: 1024      # open connections per service (SMB; the RPC listeners together)
 *   pre-login-max-bytes: 65536 # largest SMB frame before a session is logged in
 *   memory-capacity: 0         # bytes all in-memory shares may hold together; 0: half the direct-memory limit, at most half the RAM
 * </pre>
 *
 * Missing keys take the defaults; a zero count or size means the default as well.
 *
 * @param idleTimeout closes connections without traffic for this long; zero disables
 * @param loginTimeout closes connections that have not logged in (SMB) or sent an accepted call
 *     (RPC) within this time of connecting; zero disables
 * @param requestTimeout closes connections that began a frame or record and did not finish it
 *     within this time (slowloris, half-sent requests); zero disables
 * @param maxConnections open connections per service; more are closed as they arrive
 * @param preLoginMaxBytes the SMB frame cap before a session is logged in ([MS-SMB2] NEGOTIATE and
 *     SESSION_SETUP need a few KiB; Kerberos tickets stay well below 64 KiB)
 * @param memoryCapacity bytes of file data all in-memory shares may hold together; a write past it
 *     fails with NFS3ERR_NOSPC / STATUS_DISK_FULL
 */
public record ServerLimits(
        Duration idleTimeout,
        Duration loginTimeout,
        Duration requestTimeout,
        int maxConnections,
        int preLoginMaxBytes,
        long memoryCapacity) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_PRE_LOGIN_MAX_BYTES = 64 * 1024;

    public ServerLimits {
        idleTimeout = idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
        loginTimeout = loginTimeout == null ? DEFAULT_LOGIN_TIMEOUT : loginTimeout;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        maxConnections = maxConnections == 0 ? DEFAULT_MAX_CONNECTIONS : maxConnections;
        preLoginMaxBytes = preLoginMaxBytes == 0 ? DEFAULT_PRE_LOGIN_MAX_BYTES : preLoginMaxBytes;
        if (idleTimeout.isNegative() || loginTimeout.isNegative() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout in limits");
        }
        if (maxConnections < 0 || preLoginMaxBytes < 1024 || memoryCapacity < 0) {
            throw new IllegalArgumentException(
                    "limits: max-connections must be positive, pre-login-max-bytes at least 1024, memory-capacity"
                            + " not negative");
        }
    }

    /** Every limit at its default. */
    public static ServerLimits defaults() {
        return new ServerLimits(null, null, null, 0, 0, 0);
    }

    /**
     * The in-memory stores' shared capacity: {@link #memoryCapacity()}, or when that is 0 {@link
     * MemoryBudget#defaultCapacity()} (half the direct-memory limit, at most half the RAM).
     */
    public long effectiveMemoryCapacity() {
        return memoryCapacity > 0 ? memoryCapacity : MemoryBudget.defaultCapacity();
    }

    public ServerLimits withIdleTimeout(Duration d) {
        return new ServerLimits(d, loginTimeout, requestTimeout, maxConnections, preLoginMaxBytes, memoryCapacity);
    }

    public ServerLimits withLoginTimeout(Duration d) {
        return new ServerLimits(idleTimeout, d, requestTimeout, maxConnections, preLoginMaxBytes, memoryCapacity);
    }

    public ServerLimits withRequestTimeout(Duration d) {
        return new ServerLimits(idleTimeout, loginTimeout, d, maxConnections, preLoginMaxBytes, memoryCapacity);
    }

    public ServerLimits withMaxConnections(int n) {
        return new ServerLimits(idleTimeout, loginTimeout, requestTimeout, n, preLoginMaxBytes, memoryCapacity);
    }

    public ServerLimits withPreLoginMaxBytes(int n) {
        return new ServerLimits(idleTimeout, loginTimeout, requestTimeout, maxConnections, n, memoryCapacity);
    }

    public ServerLimits withMemoryCapacity(long bytes) {
        return new ServerLimits(idleTimeout, loginTimeout, requestTimeout, maxConnections, preLoginMaxBytes, bytes);
    }
}
