package io.interlock.cli;

import io.interlock.server.faults.Fault;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.ServerLimits;
import io.interlock.server.runtime.ShareConfig;
import io.interlock.server.runtime.UserConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Server options shared by {@code serve} and {@code run}: a config file, overridden by flags. */
final class ServerOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML server configuration.")
    Path config;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default 127.0.0.1).")
    String bind;

    @Option(
            names = "--smb-port",
            paramLabel = "PORT",
            description = "SMB port (serve: 4445, run: ephemeral; 0 = ephemeral).")
    Integer smbPort;

    @Option(
            names = "--nfs-port",
            paramLabel = "PORT",
            description = "NFS port (serve: 2049, run: ephemeral; 0 = ephemeral).")
    Integer nfsPort;

    @Option(
            names = "--mount-port",
            paramLabel = "PORT",
            description = "MOUNT port (serve: 20048, run: ephemeral; 0 = ephemeral).")
    Integer mountPort;

    @Option(
            names = "--portmap",
            paramLabel = "MODE",
            description = "auto (bind 111, else register with rpcbind), bind, rpcbind or off (serve: auto;"
                    + " run: bind on an ephemeral port, which the NLM GRANTED callback needs).")
    String portmap;

    @Option(
            names = "--portmap-port",
            paramLabel = "PORT",
            description = "Portmapper port for --portmap bind (serve: 111, run: ephemeral; 0 = ephemeral).")
    Integer portmapPort;

    @Option(
            names = "--share",
            paramLabel = "NAME[=DIR]",
            description = "A share; in memory without DIR. Repeatable. Default: one in-memory share 'share'.")
    List<String> shares = new ArrayList<>();

    @Option(
            names = "--user",
            paramLabel = "NAME:PASSWORD",
            description = "An SMB user. Repeatable. Default interlock:interlock.")
    List<String> users = new ArrayList<>();

    @Option(names = "--guest", description = "Allow SMB guest sessions.")
    boolean guest;

    @Option(names = "--break-policy", paramLabel = "POLICY", description = "notify, wait or jukebox (default wait).")
    String breakPolicy;

    @Option(
            names = "--break-timeout",
            paramLabel = "DURATION",
            description = "Lease break timeout, e.g. 35s, 500ms (default 35s).")
    String breakTimeout;

    @Option(
            names = "--fault",
            paramLabel = "NAME",
            completionCandidates = FaultNames.class,
            description = "Enable a fault point that re-creates a known bug (repeatable): ${COMPLETION-CANDIDATES}.")
    List<String> faults = new ArrayList<>();

    /** The fault point names, straight from the enum, for the help text and shell completion. */
    static final class FaultNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Fault.values()).map(Fault::name).iterator();
        }
    }

    @Option(names = "--smb-encrypt", description = "SMB: every session must encrypt (SMB 3.x clients only).")
    boolean smbEncrypt;

    @Option(
            names = "--encrypt-share",
            paramLabel = "NAME",
            description = "SMB: trees of this share must encrypt (repeatable).")
    List<String> encryptShares = new ArrayList<>();

    /** Whether any option was given (they configure the embedded server only). */
    boolean anyGiven() {
        return anyGivenBesidesFaults() || !faults.isEmpty();
    }

    /** Whether an option other than {@code --fault} was given. */
    boolean anyGivenBesidesFaults() {
        return config != null
                || bind != null
                || smbPort != null
                || nfsPort != null
                || mountPort != null
                || portmap != null
                || portmapPort != null
                || !shares.isEmpty()
                || !users.isEmpty()
                || guest
                || breakPolicy != null
                || breakTimeout != null
                || smbEncrypt
                || !encryptShares.isEmpty()
                || idleTimeout != null
                || loginTimeout != null
                || requestTimeout != null
                || maxConnections != null
                || preLoginMaxBytes != null
                || memoryCapacity != null;
    }

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            description = "Close connections without traffic for this long (default 15m; 0 = never).")
    String idleTimeout;

    @Option(
            names = "--login-timeout",
            paramLabel = "DURATION",
            description = "Close connections not logged in (SMB) or without an accepted call (RPC) after this"
                    + " (default 60s; 0 = never).")
    String loginTimeout;

    @Option(
            names = "--request-timeout",
            paramLabel = "DURATION",
            description = "Close connections that leave a frame or RPC record half-sent this long (default 60s;"
                    + " 0 = never).")
    String requestTimeout;

    @Option(
            names = "--max-connections",
            paramLabel = "N",
            description = "Open connections per service (SMB; the RPC listeners together); default 1024.")
    Integer maxConnections;

    @Option(
            names = "--pre-login-max-bytes",
            paramLabel = "SIZE",
            description = "Largest SMB frame before login, e.g. 64K (default 64K).")
    String preLoginMaxBytes;

    @Option(
            names = "--memory-capacity",
            paramLabel = "SIZE",
            description =
                    "Bytes all in-memory shares may hold together, e.g. 512M, 4G (default: half the direct-memory limit, at most half the RAM);"
                            + " past it writes fail with NFS3ERR_NOSPC / STATUS_DISK_FULL.")
    String memoryCapacity;

    /** Defaults, then the config file, then each flag given. */
    ServerConfig toConfig(ServerConfig base) {
        ServerConfig c = base;
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new UserError("config file not found: " + config, 2);
            }
            try {
                c = ServerConfig.load(config);
            } catch (IOException e) {
                throw new UserError(config + ": " + e.getMessage(), 2);
            }
        }
        try {
            if (smbPort != null || nfsPort != null || mountPort != null) {
                c = c.withPorts(
                        smbPort != null ? smbPort : c.smbPort(),
                        nfsPort != null ? nfsPort : c.nfsPort(),
                        mountPort != null ? mountPort : c.mountPort(),
                        c.nlmPort());
            }
            if (portmap != null || portmapPort != null) {
                c = c.withPortmap(
                        portmap != null ? PortmapMode.parse(portmap) : c.portmap(),
                        portmapPort != null ? portmapPort : c.portmapPort());
            }
            if (!shares.isEmpty()) {
                List<ShareConfig> list = new ArrayList<>();
                for (String s : shares) {
                    int eq = s.indexOf('=');
                    String name = eq < 0 ? s : s.substring(0, eq);
                    String dir = eq < 0 ? null : s.substring(eq + 1);
                    if (dir != null && !Files.isDirectory(Path.of(dir))) {
                        throw new UserError("share directory not found: " + dir, 2);
                    }
                    list.add(new ShareConfig(name, dir, null));
                }
                c = c.withShares(list);
            }
            if (!users.isEmpty() || guest) {
                List<UserConfig> list = new ArrayList<>();
                for (String u : users) {
                    list.add(UserConfig.parse(u));
                }
                c = c.withUsers(list.isEmpty() ? c.users() : list, guest || c.guest());
            }
            if (breakPolicy != null || breakTimeout != null) {
                c = c.withBreaks(
                        breakTimeout != null ? parseDuration(breakTimeout) : c.breakTimeout(),
                        breakPolicy != null ? BreakPolicy.parse(breakPolicy) : c.breakPolicy());
            }
            if (!faults.isEmpty()) {
                EnumSet<Fault> f = EnumSet.noneOf(Fault.class);
                f.addAll(c.faults());
                for (String name : faults) {
                    String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
                    try {
                        f.add(Fault.valueOf(n));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown fault '" + name + "' (one of: "
                                + java.util.Arrays.toString(Fault.values()) + ")");
                    }
                }
                c = c.withFaults(f);
            }
            if (bind != null) {
                c = c.withBindAddress(bind);
            }
            ServerLimits l = c.limits();
            if (idleTimeout != null) {
                l = l.withIdleTimeout(parseDuration(idleTimeout));
            }
            if (loginTimeout != null) {
                l = l.withLoginTimeout(parseDuration(loginTimeout));
            }
            if (requestTimeout != null) {
                l = l.withRequestTimeout(parseDuration(requestTimeout));
            }
            if (maxConnections != null) {
                if (maxConnections < 1) {
                    throw new IllegalArgumentException("--max-connections must be at least 1");
                }
                l = l.withMaxConnections(maxConnections);
            }
            if (preLoginMaxBytes != null) {
                l = l.withPreLoginMaxBytes((int) Math.min(Integer.MAX_VALUE, parseSize(preLoginMaxBytes)));
            }
            if (memoryCapacity != null) {
                l = l.withMemoryCapacity(parseSize(memoryCapacity));
            }
            c = c.withLimits(l);
            if (smbEncrypt || !encryptShares.isEmpty()) {
                java.util.Set<String> enc = new java.util.HashSet<>(c.encryptedShares());
                enc.addAll(encryptShares);
                c = c.toBuilder()
                        .encryptionRequired(smbEncrypt || c.encryptionRequired())
                        .encryptedShares(enc)
                        .build();
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        return c;
    }

    /** "65536", "64K", "512M", "4G" (binary units). */
    static long parseSize(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.endsWith("K")) {
            unit = 1L << 10;
        } else if (t.endsWith("M")) {
            unit = 1L << 20;
        } else if (t.endsWith("G")) {
            unit = 1L << 30;
        }
        if (unit != 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t.trim());
            if (v < 0 || v > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return v * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size '" + s + "' (use e.g. 65536, 64K, 512M, 4G)");
        }
    }

    /** "35s", "500ms", "2m", or ISO-8601 "PT35S". */
    static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid duration '" + s + "' (use e.g. 35s, 500ms, 2m)");
        }
    }
}
