package io.interlock.scenarios.targets.container;

import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.PathMapping;
import io.interlock.scenarios.targets.ScratchDirectories;
import io.interlock.scenarios.targets.ServerSettings;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.Target;
import io.interlock.scenarios.targets.TargetCapabilities;
import io.interlock.scenarios.targets.TargetSetup;
import io.interlock.scenarios.targets.local.GaneshaConf;
import io.interlock.scenarios.targets.local.LocalPeersTarget;
import io.interlock.scenarios.targets.local.PeerPorts;
import io.interlock.scenarios.targets.local.PeerVariant;
import io.interlock.scenarios.targets.local.SambaConf;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The Samba + nfs-ganesha pair in a container built from the bundled Dockerfile (Debian bookworm,
 * the same smb.conf and ganesha.conf as the local target; {@link #RESOURCES}). Testcontainers
 * builds the image, runs it privileged (ganesha's VFS FSAL needs open_by_handle_at, kernel oplocks
 * need file leases) and maps SMB, NFS, MOUNT and NLM to ephemeral host ports; the engine reaches NFS
 * and NLM on those explicit ports. ganesha in the container cannot call the engine's NLM listener
 * back, so scenarios with blocked NLM locks are SKIPPED there. Where no Docker engine runs, {@link #unavailable} says
 * so and the target skips every scenario.
 */
public final class ContainerTarget implements Target {
    /** Classpath directory of the Dockerfile, entrypoint and configuration files. */
    public static final String RESOURCES = "io/interlock/scenarios/targets/container/";

    public static final List<String> FILES =
            List.of("Dockerfile", "entrypoint.sh", "smb.conf", "smb-kernel-oplocks.conf", "ganesha.conf");

    private static final PeerPorts PORTS = PeerPorts.STANDARD;

    private final PeerVariant variant;
    private final GenericContainer<?> container;
    private final ScratchDirectories scratch = new ScratchDirectories();

    private ContainerTarget(PeerVariant variant, GenericContainer<?> container) {
        this.variant = variant;
        this.container = container;
    }

    /** Why no container can run here (no Docker engine), or empty. */
    public static Optional<String> unavailable() {
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return Optional.empty();
            }
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("container targets need a Docker engine: " + e.getMessage());
        }
        return Optional.of("container targets need a Docker engine, and Testcontainers found none (DOCKER_HOST,"
                + " /var/run/docker.sock)");
    }

    /** Builds the image (cached by Docker) and starts the pair of {@code variant}. */
    public static ContainerTarget start(PeerVariant variant) {
        if (!variant.samba() || !variant.ganesha()) {
            throw new IllegalArgumentException(
                    "the container target runs Samba and ganesha together, not " + variant.id());
        }
        ImageFromDockerfile image = new ImageFromDockerfile("interlock/peers", false);
        for (String f : FILES) {
            image.withFileFromClasspath(f, RESOURCES + f);
        }
        GenericContainer<?> c = new GenericContainer<>(image)
                .withEnv("INTERLOCK_VARIANT", variant.id())
                .withPrivilegedMode(true)
                .withExposedPorts(PORTS.smb(), PORTS.nfs(), PORTS.mount(), PORTS.nlm())
                .waitingFor(Wait.forListeningPorts(PORTS.smb(), PORTS.nfs(), PORTS.mount())
                        .withStartupTimeout(Duration.ofMinutes(3)));
        c.start();
        return new ContainerTarget(variant, c);
    }

    @Override
    public String describe() {
        return "container:" + variant.id() + " (" + container.getDockerImageName() + ")"
                + smb().map(e -> " " + e).orElse("")
                + nfs().map(e -> " " + e).orElse("");
    }

    @Override
    public Optional<SmbEndpoint> smb() {
        return Optional.of(new SmbEndpoint(
                container.getHost(),
                container.getMappedPort(PORTS.smb()),
                SambaConf.SHARE,
                SambaConf.USER,
                SambaConf.PASSWORD));
    }

    @Override
    public Optional<NfsEndpoint> nfs() {
        return Optional.of(new NfsEndpoint(
                container.getHost(),
                GaneshaConf.EXPORT,
                container.getMappedPort(PORTS.nfs()),
                container.getMappedPort(PORTS.mount()),
                container.getMappedPort(PORTS.nlm()),
                // every port is explicit; no portmapper, so blocked NLM locks are SKIPPED: ganesha
                // could not call the engine's listener back from inside the container
                0));
    }

    @Override
    public TargetCapabilities capabilities() {
        return LocalPeersTarget.capabilities(variant);
    }

    @Override
    public TargetSetup setup(ServerSettings settings) {
        Optional<String> refused = capabilities().refuse(settings, "container:" + variant.id());
        if (refused.isPresent()) {
            return TargetSetup.skipped(refused.get());
        }
        return ScratchDirectories.setup(this, scratch, PathMapping.IDENTITY);
    }

    @Override
    public void close() {
        container.stop();
    }
}
