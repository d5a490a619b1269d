package io.interlock.scenarios.clients.rpc;

import java.util.ArrayList;
import java.util.List;

/**
 * The AUTH_SYS credential body (RFC 5531 Appendix A): {@code stamp, machinename<255>, uid, gid,
 * gids<16>}. The engine's clients send uid/gid 0 with no groups and a fixed stamp, so that two runs
 * with the same seed put the same bytes on the wire.
 *
 * @param stamp arbitrary id the caller chooses
 * @param machineName the caller's host name (at most 255 bytes)
 * @param uid caller's effective user id
 * @param gid caller's effective group id
 * @param gids supplementary groups (at most 16)
 */
public record AuthSys(int stamp, String machineName, int uid, int gid, List<Integer> gids) {
    /** Flavor number of AUTH_SYS (RFC 5531 §8.2). */
    public static final int FLAVOR = 1;

    public AuthSys {
        gids = List.copyOf(gids);
        if (gids.size() > 16) {
            throw new IllegalArgumentException("AUTH_SYS carries at most 16 gids, got " + gids.size());
        }
    }

    /** uid 0, gid 0, no groups, stamp 0. */
    public static AuthSys root(String machineName) {
        return new AuthSys(0, machineName, 0, 0, List.of());
    }

    /** The credential body (the opaque inside {@code opaque_auth}). */
    public byte[] body() {
        XdrOut o = new XdrOut(64);
        o.int32(stamp); // stamp (4 bytes)
        o.string(machineName); // machinename string<255>
        o.int32(uid); // uid (4 bytes)
        o.int32(gid); // gid (4 bytes)
        o.int32(gids.size()); // gids count, then one word per gid
        gids.forEach(o::int32);
        return o.bytes();
    }

    public static AuthSys decode(byte[] body) {
        XdrIn in = new XdrIn(body);
        int stamp = in.int32();
        String machine = in.string(255);
        int uid = in.int32();
        int gid = in.int32();
        int n = in.int32();
        if (n < 0 || n > 16) {
            throw new RpcProtocolException("AUTH_SYS with " + n + " gids");
        }
        List<Integer> gids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            gids.add(in.int32());
        }
        return new AuthSys(stamp, machine, uid, gid, gids);
    }
}
