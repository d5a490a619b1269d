package io.interlock.scenarios.targets;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The address forms of {@code --smb} and {@code --nfs} (and of a targets file):
 *
 * <pre>
 * smb://USER:PASSWORD@HOST[:PORT]/SHARE           port 445 by default; user and password
 *                                                  percent-encoded; without a password,
 *                                                  $INTERLOCK_SMB_PASSWORD
 * nfs://HOST[:PORT]/EXPORT[?mount=PORT&nlm=PORT&portmap=PORT]
 *                                                  PORT = the NFS port (2049 if a MOUNT port is
 *                                                  given); without mount= every port is asked of
 *                                                  the portmapper (portmap=, else 111)
 * </pre>
 */
public final class EndpointUrls {
    public static final String PASSWORD_ENV = "INTERLOCK_SMB_PASSWORD";

    private EndpointUrls() {}

    private static URI uri(String url, String scheme) {
        try {
            URI u = new URI(url.strip());
            if (!scheme.equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException(
                        "expected " + scheme + "://... with a host, got '" + redact(url) + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "invalid " + scheme + " address '" + redact(url) + "': " + e.getReason());
        }
    }

    /** The URL with its password replaced, for messages. */
    static String redact(String url) {
        return url.replaceAll("(//[^/:@]*):[^@/]*@", "$1:***@");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Parses {@code smb://USER:PASSWORD@HOST[:PORT]/SHARE}. */
    public static SmbEndpoint smb(String url) {
        URI u = uri(url, "smb");
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        String share = decode(path.replaceAll("^/+", "").replaceAll("/+$", ""));
        if (share.isEmpty() || share.contains("/")) {
            throw new IllegalArgumentException(
                    "an SMB address names one share: smb://USER:PASS@HOST[:PORT]/SHARE, got '" + redact(url) + "'");
        }
        String info = u.getRawUserInfo();
        if (info == null || info.isEmpty()) {
            throw new IllegalArgumentException("an SMB address needs a user: smb://USER:PASS@HOST/SHARE");
        }
        int colon = info.indexOf(':');
        String user = decode(colon < 0 ? info : info.substring(0, colon));
        String password = colon < 0 ? System.getenv(PASSWORD_ENV) : decode(info.substring(colon + 1));
        if (password == null) {
            throw new IllegalArgumentException("no SMB password: give smb://USER:PASS@... or set " + PASSWORD_ENV);
        }
        return new SmbEndpoint(u.getHost(), u.getPort() > 0 ? u.getPort() : 445, share, user, password);
    }

    /**
     * An NFS address: host, export and the ports it names (0 = not given).
     *
     * @param nfsPort NFS program port
     * @param mountPort MOUNT port
     * @param nlmPort NLM port
     * @param portmapPort the portmapper to ask for ports not given (111 if none is named)
     */
    public record NfsAddress(String host, String exportPath, int nfsPort, int mountPort, int nlmPort, int portmapPort) {
        /** The engine's endpoint for this address. */
        public NfsEndpoint endpoint() {
            return new NfsEndpoint(host, exportPath, nfsPort, mountPort, nlmPort, portmapPort);
        }
    }

    private static final Set<String> NFS_PARAMS = Set.of("mount", "nlm", "portmap");

    /** Parses {@code nfs://HOST[:PORT]/EXPORT[?mount=PORT&nlm=PORT&portmap=PORT]}. */
    public static NfsAddress nfs(String url) {
        URI u = uri(url, "nfs");
        String export = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : decode(u.getRawPath());
        Map<String, Integer> q = new LinkedHashMap<>();
        if (u.getRawQuery() != null) {
            for (String kv : u.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                String k = eq < 0 ? kv : kv.substring(0, eq);
                if (!NFS_PARAMS.contains(k)) {
                    throw new IllegalArgumentException(
                            "unknown NFS address parameter '" + k + "' (known: mount, nlm," + " portmap)");
                }
                q.put(k, port(eq < 0 ? "" : kv.substring(eq + 1), k));
            }
        }
        int mount = q.getOrDefault("mount", 0);
        int nfs = u.getPort() > 0 ? u.getPort() : mount > 0 ? 2049 : 0;
        int portmap = q.getOrDefault("portmap", NfsEndpoint.PORTMAP_PORT);
        return new NfsAddress(u.getHost(), export, nfs, mount, q.getOrDefault("nlm", 0), portmap);
    }

    private static int port(String s, String what) {
        try {
            int p = Integer.parseInt(s);
            if (p <= 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + "= needs a port number 1-65535, got '" + s + "'");
        }
    }
}
