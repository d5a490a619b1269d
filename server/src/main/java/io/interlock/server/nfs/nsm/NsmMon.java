package io.interlock.server.nfs.nsm;

import io.interlock.server.rpc.XdrReader;

/**
 * mon (XNFS 11.3): {mon_id {mon_name, my_id {my_name, my_prog, my_vers, my_proc}}, priv[16]}, the
 * argument of SM_MON. UNMON takes the mon_id alone, UNMON_ALL the my_id alone.
 *
 * @param monName the host to monitor
 * @param myName the host to notify (as the caller says; callbacks use the transport address)
 * @param myProg program to call on a change
 * @param myVers its version
 * @param myProc its procedure
 * @param priv 16 private bytes handed back in the notification
 */
public record NsmMon(String monName, String myName, int myProg, int myVers, int myProc, byte[] priv) {
    /** SM_MAXSTRLEN. */
    public static final int MAX_STRLEN = 1024;

    public static NsmMon decode(XdrReader r) {
        // mon_id.mon_name (string<SM_MAXSTRLEN>)
        String mon = r.readString(MAX_STRLEN);
        NsmMon id = decodeMyId(r, mon);
        // priv (opaque[16])
        return new NsmMon(id.monName, id.myName, id.myProg, id.myVers, id.myProc, r.readFixedOpaque(16));
    }

    /** mon_id (UNMON). */
    public static NsmMon decodeMonId(XdrReader r) {
        return decodeMyId(r, r.readString(MAX_STRLEN));
    }

    /** my_id (UNMON_ALL). */
    public static NsmMon decodeMyId(XdrReader r) {
        return decodeMyId(r, null);
    }

    private static NsmMon decodeMyId(XdrReader r, String mon) {
        // my_name (string<SM_MAXSTRLEN>), my_prog, my_vers, my_proc (4 bytes each)
        String me = r.readString(MAX_STRLEN);
        return new NsmMon(mon, me, r.readInt(), r.readInt(), r.readInt(), new byte[16]);
    }
}
