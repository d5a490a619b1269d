package io.interlock.scenarios.targets;

import io.interlock.scenarios.targets.container.ContainerTarget;
import io.interlock.scenarios.targets.local.LocalPeersTarget;
import io.interlock.scenarios.targets.local.PeerVariant;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens the target a run names ({@code --target}, {@code --smb}/{@code --nfs}, {@code
 * --target-file}):
 *
 * <ul>
 *   <li>{@code embedded} (the default): Interlock's own server in this process;
 *   <li>{@code samba+ganesha}, {@code samba+ganesha:kernel-oplocks}, {@code samba}, {@code ganesha}:
 *       real peers started here ({@link LocalPeersTarget});
 *   <li>{@code container:} + one of those: the same peers in a container ({@link ContainerTarget});
 *   <li>an address: {@code --smb} and/or {@code --nfs}, optionally {@code --path-map} and {@code
 *       --admin} (a separately started {@code interlock serve --admin});
 *   <li>a name from the targets file.
 * </ul>
 *
 * A built-in kind that cannot run here (no root, a package missing, no Docker engine) opens as an
 * {@link UnavailableTarget}: every scenario is SKIPPED with the reason.
 */
public final class Targets {
    public static final String EMBEDDED = "embedded";
    public static final String ADDRESS = "address";
    public static final String CONTAINER_PREFIX = "container:";

    private Targets() {}

    /** How the embedded target is started (the CLI knows its server configuration). */
    public interface Embedded {
        Target start() throws IOException;
    }

    /**
     * What the command line asked for; any field may be null.
     *
     * @param name {@code --target}
     * @param smb {@code --smb} URL
     * @param nfs {@code --nfs} URL
     * @param pathMap {@code --path-map SMBDIR:NFSDIR}
     * @param admin {@code --admin HOST:PORT} of an {@code interlock serve --admin}
     * @param adminToken its token
     */
    public record Request(String name, String smb, String nfs, String pathMap, String admin, String adminToken) {
        public static Request named(String name) {
            return new Request(name, null, null, null, null, null);
        }

        boolean byAddress() {
            return smb != null || nfs != null;
        }
    }

    /** The built-in kinds, for help and error messages. */
    public static List<String> kinds() {
        List<String> k = new ArrayList<>(List.of(EMBEDDED));
        k.addAll(PeerVariant.ids());
        PeerVariant.ids().stream()
                .filter(id -> id.startsWith("samba+ganesha"))
                .forEach(id -> k.add(CONTAINER_PREFIX + id));
        return k;
    }

    /** True when {@code name} (null = the default) is the embedded target. */
    public static boolean isEmbedded(Request r) {
        return !r.byAddress() && (r.name() == null || r.name().equals(EMBEDDED));
    }

    public static Target open(Request r, TargetFile file, Embedded embedded) throws IOException {
        if (r.byAddress()) {
            if (r.name() != null && !r.name().equals(ADDRESS)) {
                throw new IllegalArgumentException("--target " + r.name() + " and --smb/--nfs exclude each other");
            }
            return address(null, r.smb(), r.nfs(), r.pathMap(), r.admin(), r.adminToken());
        }
        if (r.pathMap() != null || r.admin() != null) {
            throw new IllegalArgumentException("--path-map and --admin go with --smb/--nfs (or a targets file entry)");
        }
        String name = r.name() == null ? EMBEDDED : r.name();
        if (name.equals(EMBEDDED)) {
            return embedded.start();
        }
        Optional<PeerVariant> local = PeerVariant.byId(name);
        if (local.isPresent()) {
            Optional<String> why = LocalPeersTarget.unavailable(local.get());
            return why.isPresent() ? new UnavailableTarget(name, why.get()) : LocalPeersTarget.start(local.get());
        }
        if (name.startsWith(CONTAINER_PREFIX)) {
            PeerVariant v = PeerVariant.byId(name.substring(CONTAINER_PREFIX.length()))
                    .filter(x -> x.samba() && x.ganesha())
                    .orElseThrow(() -> unknown(name, file));
            Optional<String> why = ContainerTarget.unavailable();
            return why.isPresent() ? new UnavailableTarget(name, why.get()) : ContainerTarget.start(v);
        }
        TargetFile.Entry e = file == null ? null : file.find(name).orElse(null);
        if (e == null) {
            throw unknown(name, file);
        }
        if (e.kind() != null) {
            if (e.kind().equals(name)) {
                throw new IllegalArgumentException("target " + name + " names itself as its kind");
            }
            return open(Request.named(e.kind()), null, embedded);
        }
        String token = null;
        if (e.admin() != null) {
            if (e.adminTokenFile() == null) {
                throw new IllegalArgumentException("target " + name + ": admin needs adminTokenFile");
            }
            token = RemoteAdmin.readToken(Path.of(e.adminTokenFile()));
        }
        return address(name, e.smb(), e.nfs(), e.pathMap(), e.admin(), token);
    }

    private static IllegalArgumentException unknown(String name, TargetFile file) {
        List<String> known = new ArrayList<>(kinds());
        if (file != null) {
            known.addAll(file.targets().keySet());
        }
        return new IllegalArgumentException("unknown target '" + name + "' (known: " + String.join(", ", known)
                + (file == null ? "; name others in a --target-file" : "") + ")");
    }

    private static Target address(String name, String smb, String nfs, String pathMap, String admin, String token)
            throws IOException {
        SmbEndpoint s = smb == null ? null : EndpointUrls.smb(smb);
        NfsEndpoint n = nfs == null ? null : EndpointUrls.nfs(nfs).endpoint();
        if (admin != null) {
            if (pathMap != null && !PathMapping.parse(pathMap).isIdentity()) {
                throw new IllegalArgumentException(
                        "--path-map does not apply with --admin (each scenario gets a share)");
            }
            return AddressTarget.withAdmin(name, s, n, RemoteAdmin.of(admin, token));
        }
        return AddressTarget.of(name, s, n, PathMapping.parse(pathMap));
    }
}
