package io.interlock.server.nfs.nlm;

import io.interlock.server.rpc.XdrReader;

/**
 * nlm4_shareargs (XNFS 10.14): arguments of SHARE and UNSHARE. Only decoded to answer them: DOS
 * share reservations are not supported (NLM4_FAILED), see {@link Nlm4Program}.
 *
 * @param cookie opaque echo value
 * @param callerName caller_name of the nlm4_share
 * @param fh the file
 * @param oh the owner handle
 * @param mode fsh4_mode (deny mode)
 * @param access fsh4_access
 * @param reclaim reclaim flag
 */
public record Nlm4ShareArgs(
        byte[] cookie, String callerName, byte[] fh, byte[] oh, int mode, int access, boolean reclaim) {
    public static Nlm4ShareArgs decode(XdrReader r) {
        // cookie (netobj)
        byte[] cookie = r.readOpaque(Nlm4Lock.MAX_NETOBJ);
        // share.caller_name (string<LM_MAXSTRLEN>), share.fh (netobj), share.oh (netobj)
        String caller = r.readString(Nlm4Lock.MAX_STRLEN);
        byte[] fh = r.readOpaque(Nlm4Lock.MAX_NETOBJ);
        byte[] oh = r.readOpaque(Nlm4Lock.MAX_NETOBJ);
        // share.mode (fsh4_mode), share.access (fsh4_access), reclaim (bool)
        int mode = r.readInt();
        int access = r.readInt();
        return new Nlm4ShareArgs(cookie, caller, fh, oh, mode, access, r.readBoolean());
    }
}
