package io.interlock.server.nfs.nlm;

import java.util.HexFormat;

/** Small helpers for netobj values (cookies, owner handles) in logs and owner ids. */
final class Nlm4Cookies {
    private Nlm4Cookies() {}

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
