package io.interlock.server.nfs.v3;

import io.interlock.server.rpc.RpcCredential;
import java.util.Set;

/**
 * Who calls, as AUTH_SYS says (RFC 5531 Appendix A). NFS procedures other than NULL refuse
 * AUTH_NONE (AUTH_TOOWEAK), so the "nobody" fallback only serves NULL.
 *
 * @param uid effective user id
 * @param gid effective group id
 * @param gids supplementary groups
 */
public record Nfs3Identity(int uid, int gid, Set<Integer> gids) {
    public static final int NOBODY = 65534;

    public Nfs3Identity {
        gids = Set.copyOf(gids);
    }

    public static Nfs3Identity of(RpcCredential cred) {
        if (cred instanceof RpcCredential.Sys sys) {
            return new Nfs3Identity(sys.uid(), sys.gid(), Set.copyOf(sys.gids()));
        }
        return new Nfs3Identity(NOBODY, NOBODY, Set.of());
    }

    public boolean isRoot() {
        return uid == 0;
    }

    public boolean inGroup(int group) {
        return gid == group || gids.contains(group);
    }
}
