package io.interlock.server.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.interlock.server.faults.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Everything the server is built from. Immutable; every component has a default, so no file is
 * needed. Loaded from YAML with kebab-case keys, e.g.
 *
 * <pre>
 * bind-address: 127.0.0.1
 * smb-port: 4445
 * nfs-port: 2049
 * mount-port: 20048
 * nlm-port: 0
 * portmap: auto            # auto | bind | rpcbind | off
 * portmap-port: 111
 * break-timeout: PT35S
 * break-policy: wait       # notify | wait | jukebox
 * guest: false
 * signing-required: false
 * users: [{name: interlock, password: interlock}]
 * shares: [{name: share}, {name: data, path: /srv/data, break-policy: notify}]
 * faults: []
 * encryption-required: false   # SMB: every session must encrypt (SMB 3.x)
 * encrypted-shares: []         # SMB: trees of these shares must encrypt
 * limits: {idle-timeout: PT15M, login-timeout: PT60S, request-timeout: PT60S, max-connections: 1024,
 *          pre-login-max-bytes: 65536, memory-capacity: 0}   # see ServerLimits
 * </pre>
 *
 * A port of 0 means ephemeral.
 */
public record ServerConfig(
        String bindAddress,
        int smbPort,
        int nfsPort,
        int mountPort,
        int nlmPort,
        PortmapMode portmap,
        int portmapPort,
        Duration breakTimeout,
        BreakPolicy breakPolicy,
        boolean guest,
        boolean signingRequired,
        List<UserConfig> users,
        List<ShareConfig> shares,
        Set<Fault> faults,
        boolean encryptionRequired,
        Set<String> encryptedShares,
        ServerLimits limits) {

    public static final int DEFAULT_SMB_PORT = 4445;
    public static final int DEFAULT_NFS_PORT = 2049;
    public static final int DEFAULT_MOUNT_PORT = 20048;
    public static final int DEFAULT_PORTMAP_PORT = 111;
    public static final String DEFAULT_USER = "interlock";
    public static final String DEFAULT_PASSWORD = "interlock";

    public ServerConfig {
        bindAddress = bindAddress == null ? "127.0.0.1" : bindAddress;
        portmap = portmap == null ? PortmapMode.AUTO : portmap;
        breakTimeout = breakTimeout == null ? Duration.ofSeconds(35) : breakTimeout;
        breakPolicy = breakPolicy == null ? BreakPolicy.WAIT : breakPolicy;
        users = users == null ? List.of(new UserConfig(DEFAULT_USER, DEFAULT_PASSWORD)) : List.copyOf(users);
        shares = shares == null || shares.isEmpty() ? List.of(ShareConfig.inMemory("share")) : List.copyOf(shares);
        faults = faults == null ? Set.of() : Set.copyOf(faults);
        encryptedShares = encryptedShares == null ? Set.of() : Set.copyOf(encryptedShares);
        limits = limits == null ? ServerLimits.defaults() : limits;
        for (int p : new int[] {smbPort, nfsPort, mountPort, nlmPort, portmapPort}) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port out of range: " + p);
            }
        }
        if (breakTimeout.isNegative()) {
            throw new IllegalArgumentException("negative break timeout");
        }
    }

    /** The defaults: fixed well-known ports, one in-memory share "share", user interlock. */
    public static ServerConfig defaults() {
        return new ServerConfig(
                null,
                DEFAULT_SMB_PORT,
                DEFAULT_NFS_PORT,
                DEFAULT_MOUNT_PORT,
                0,
                null,
                DEFAULT_PORTMAP_PORT,
                null,
                null,
                false,
                false,
                null,
                null,
                null,
                false,
                null,
                null);
    }

    /** Defaults with every port ephemeral and port 111 handled automatically (for tests). */
    public static ServerConfig ephemeral() {
        return defaults().withPorts(0, 0, 0, 0);
    }

    public ServerConfig withPorts(int smb, int nfs, int mount, int nlm) {
        return toBuilder()
                .smbPort(smb)
                .nfsPort(nfs)
                .mountPort(mount)
                .nlmPort(nlm)
                .build();
    }

    public ServerConfig withPortmap(PortmapMode mode, int port) {
        return toBuilder().portmap(mode).portmapPort(port).build();
    }

    public ServerConfig withShares(List<ShareConfig> s) {
        return toBuilder().shares(s).build();
    }

    public ServerConfig withUsers(List<UserConfig> u, boolean allowGuest) {
        return toBuilder().users(u).guest(allowGuest).build();
    }

    public ServerConfig withBreaks(Duration timeout, BreakPolicy policy) {
        return toBuilder().breakTimeout(timeout).breakPolicy(policy).build();
    }

    public ServerConfig withFaults(Set<Fault> f) {
        return toBuilder().faults(f).build();
    }

    public ServerConfig withSigningRequired(boolean required) {
        return toBuilder().signingRequired(required).build();
    }

    public ServerConfig withLimits(ServerLimits l) {
        return toBuilder().limits(l).build();
    }

    public ServerConfig withBindAddress(String address) {
        return toBuilder().bindAddress(address).build();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some components of a config; {@link #build()} validates like the constructor. */
    public static final class Builder {
        private String bindAddress;
        private int smbPort;
        private int nfsPort;
        private int mountPort;
        private int nlmPort;
        private PortmapMode portmap;
        private int portmapPort;
        private Duration breakTimeout;
        private BreakPolicy breakPolicy;
        private boolean guest;
        private boolean signingRequired;
        private List<UserConfig> users;
        private List<ShareConfig> shares;
        private Set<Fault> faults;
        private boolean encryptionRequired;
        private Set<String> encryptedShares;
        private ServerLimits limits;

        private Builder(ServerConfig c) {
            bindAddress = c.bindAddress;
            smbPort = c.smbPort;
            nfsPort = c.nfsPort;
            mountPort = c.mountPort;
            nlmPort = c.nlmPort;
            portmap = c.portmap;
            portmapPort = c.portmapPort;
            breakTimeout = c.breakTimeout;
            breakPolicy = c.breakPolicy;
            guest = c.guest;
            signingRequired = c.signingRequired;
            users = c.users;
            shares = c.shares;
            faults = c.faults;
            encryptionRequired = c.encryptionRequired;
            encryptedShares = c.encryptedShares;
            limits = c.limits;
        }

        public Builder bindAddress(String v) {
            bindAddress = v;
            return this;
        }

        public Builder smbPort(int v) {
            smbPort = v;
            return this;
        }

        public Builder nfsPort(int v) {
            nfsPort = v;
            return this;
        }

        public Builder mountPort(int v) {
            mountPort = v;
            return this;
        }

        public Builder nlmPort(int v) {
            nlmPort = v;
            return this;
        }

        public Builder portmap(PortmapMode v) {
            portmap = v;
            return this;
        }

        public Builder portmapPort(int v) {
            portmapPort = v;
            return this;
        }

        public Builder breakTimeout(Duration v) {
            breakTimeout = v;
            return this;
        }

        public Builder breakPolicy(BreakPolicy v) {
            breakPolicy = v;
            return this;
        }

        public Builder guest(boolean v) {
            guest = v;
            return this;
        }

        public Builder signingRequired(boolean v) {
            signingRequired = v;
            return this;
        }

        public Builder users(List<UserConfig> v) {
            users = v;
            return this;
        }

        public Builder shares(List<ShareConfig> v) {
            shares = v;
            return this;
        }

        public Builder faults(Set<Fault> v) {
            faults = v;
            return this;
        }

        public Builder encryptionRequired(boolean v) {
            encryptionRequired = v;
            return this;
        }

        public Builder encryptedShares(Set<String> v) {
            encryptedShares = v;
            return this;
        }

        public Builder limits(ServerLimits v) {
            limits = v;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(
                    bindAddress,
                    smbPort,
                    nfsPort,
                    mountPort,
                    nlmPort,
                    portmap,
                    portmapPort,
                    breakTimeout,
                    breakPolicy,
                    guest,
                    signingRequired,
                    users,
                    shares,
                    faults,
                    encryptionRequired,
                    encryptedShares,
                    limits);
        }
    }

    /**
     * Durations as ISO-8601 text ("PT35S"), or a plain number of seconds. Written here rather than
     * through jackson-datatype-jsr310, which the server module does not depend on: without it
     * Jackson refuses java.time.Duration and no config file could be loaded.
     */
    private static SimpleModule durations() {
        SimpleModule mod = new SimpleModule("interlock-durations");
        mod.addSerializer(Duration.class, new ToStringSerializer(Duration.class));
        mod.addDeserializer(Duration.class, new StdScalarDeserializer<Duration>(Duration.class) {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken().isNumeric()) {
                    return Duration.ofMillis(Math.round(p.getDoubleValue() * 1000));
                }
                String text = p.getValueAsString();
                try {
                    return Duration.parse(text.trim());
                } catch (RuntimeException e) {
                    return (Duration) ctxt.handleWeirdStringValue(
                            Duration.class, text, "expected an ISO-8601 duration such as PT35S, or seconds");
                }
            }
        });
        return mod;
    }

    private static ObjectMapper yaml() {
        // the documented values are lower case ("portmap: auto"); enum constants are upper case
        ObjectMapper m = YAMLMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
        m.registerModule(durations());
        m.setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.coercionConfigDefaults();
        return m;
    }

    /**
     * Reads a YAML file; missing keys take the defaults of {@link #defaults()}.
     *
     * @throws IOException if the file cannot be read or does not parse
     */
    public static ServerConfig load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("config file not found: " + file);
        }
        return parse(Files.readString(file));
    }

    /** Parses YAML text; missing keys take the defaults of {@link #defaults()}. */
    public static ServerConfig parse(String text) throws IOException {
        ObjectMapper m = yaml();
        var tree = m.readTree(text);
        var base = m.valueToTree(defaults());
        if (tree != null && tree.isObject()) {
            var given = (com.fasterxml.jackson.databind.node.ObjectNode) tree;
            var limits = given.get("limits");
            if (limits != null && limits.isObject()) {
                // a partial limits block keeps the defaults of the keys it does not name
                var merged = ((com.fasterxml.jackson.databind.node.ObjectNode) base.get("limits")).deepCopy();
                merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) limits);
                given.set("limits", merged);
            }
            ((com.fasterxml.jackson.databind.node.ObjectNode) base).setAll(given);
        }
        try {
            return m.treeToValue(base, ServerConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("invalid config: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            // the record's own checks (port range, negative timeout)
            throw new IOException("invalid config: " + e.getMessage(), e);
        }
    }
}
