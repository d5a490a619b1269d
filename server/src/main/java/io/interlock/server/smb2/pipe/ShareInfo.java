package io.interlock.server.smb2.pipe;

/**
 * One entry of the srvsvc share list, as NetShareEnumAll and NetShareGetInfo report it
 * ([MS-SRVS] 2.2.4.23 SHARE_INFO_1 and its larger siblings).
 *
 * @param name share name, without a leading '/'
 * @param type STYPE_* ({@link #STYPE_DISKTREE} for every share we serve)
 * @param comment remark
 * @param path local path reported at levels 2 and 502
 */
public record ShareInfo(String name, int type, String comment, String path) {
    /** STYPE_DISKTREE ([MS-SRVS] 2.2.2.4). */
    public static final int STYPE_DISKTREE = 0;

    public static ShareInfo disk(String name) {
        return new ShareInfo(name, STYPE_DISKTREE, "Interlock share", "C:\\" + name);
    }
}
