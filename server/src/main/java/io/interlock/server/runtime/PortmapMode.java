package io.interlock.server.runtime;

/** How the server makes its RPC programs findable on port 111. */
public enum PortmapMode {
    /** Bind our own portmapper on 111 if free, else register with a running rpcbind, else warn. */
    AUTO,
    /** Bind our own portmapper on the configured port; fail if it is taken. */
    BIND,
    /** Register with the system rpcbind on 111 (and unregister on shutdown). */
    RPCBIND,
    /** No portmapper. */
    OFF;

    public static PortmapMode parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown portmap mode '" + s + "' (one of: auto, bind, rpcbind, off)");
        }
    }
}
