package io.interlock.server.nfs.nlm;

import io.interlock.server.core.lock.LockOwner;

/**
 * NLM lock owners in the shared lock table: {@code ("nlm", "<caller_name>:<svid>:<hex(oh)>")}
 * (spec §3.7). Two requests are the same owner only if caller_name, svid and oh all match.
 */
final class NlmOwners {
    static final String PROTOCOL = "nlm";

    private NlmOwners() {}

    static LockOwner of(Nlm4Lock l) {
        return new LockOwner(PROTOCOL, l.callerName() + ":" + l.svid() + ":" + Nlm4Cookies.hex(l.oh()));
    }

    /**
     * The caller_name of an NLM owner, or null for other protocols. Parsed from the end: svid and
     * hex(oh) contain no ':', a caller_name may.
     */
    static String callerOf(LockOwner o) {
        if (!PROTOCOL.equals(o.protocol())) {
            return null;
        }
        String id = o.id();
        int last = id.lastIndexOf(':');
        int svid = last > 0 ? id.lastIndexOf(':', last - 1) : -1;
        return svid < 0 ? null : id.substring(0, svid);
    }

    /** svid of an NLM owner (0 for other protocols, e.g. an SMB holder reported by TEST). */
    static int svidOf(LockOwner o) {
        if (callerOf(o) == null) {
            return 0;
        }
        String id = o.id();
        int last = id.lastIndexOf(':');
        int before = id.lastIndexOf(':', last - 1);
        try {
            return Integer.parseInt(id.substring(before + 1, last));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** oh of an NLM owner (empty for other protocols). */
    static byte[] ohOf(LockOwner o) {
        if (callerOf(o) == null) {
            return new byte[0];
        }
        String id = o.id();
        try {
            return java.util.HexFormat.of().parseHex(id.substring(id.lastIndexOf(':') + 1));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
