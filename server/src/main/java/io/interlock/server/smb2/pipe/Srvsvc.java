package io.interlock.server.smb2.pipe;

import io.interlock.server.smb2.pipe.NdrReader.NdrException;
import java.util.List;
import java.util.Locale;

/**
 * The srvsvc interface ([MS-SRVS], UUID 4b324fc8-1670-01d3-1278-5a47bf6ee188 v3.0) over one share
 * list snapshot: NetrShareEnum (Samba IDL srvsvc_NetShareEnumAll, opnum 15) and NetrShareGetInfo
 * (opnum 16), at levels 0, 1, 2, 501 and 502. Stubs are NDR 2.0.
 */
final class Srvsvc {
    static final int OP_NET_SHARE_ENUM_ALL = 15;
    static final int OP_NET_SHARE_GET_INFO = 16;

    /** WERROR values ([MS-ERREF] 2.2). */
    static final int WERR_OK = 0;

    static final int WERR_INVALID_LEVEL = 124;
    static final int WERR_NERR_NETNAMENOTFOUND = 2310;

    private final List<ShareInfo> shares;

    /** @param shares the snapshot taken when the pipe was opened (R-CACHE-3) */
    Srvsvc(List<ShareInfo> shares) {
        this.shares = shares;
    }

    static boolean knownOpnum(int opnum) {
        return opnum == OP_NET_SHARE_ENUM_ALL || opnum == OP_NET_SHARE_GET_INFO;
    }

    /** Runs one call; the caller checked {@link #knownOpnum}. */
    byte[] call(int opnum, byte[] stub) throws NdrException {
        return opnum == OP_NET_SHARE_ENUM_ALL ? enumAll(new NdrReader(stub)) : getInfo(new NdrReader(stub));
    }

    private static boolean supported(int level) {
        return level == 0 || level == 1 || level == 2 || level == 501 || level == 502;
    }

    /** [MS-SRVS] 3.1.4.8 NetrShareEnum: the whole list in one answer, at the requested level. */
    private byte[] enumAll(NdrReader in) throws NdrException {
        in.uniqueString(); // ServerName [in, string, unique]
        int level = in.u32(); // InfoStruct->Level
        int arm = in.u32(); // union discriminant
        if (arm != level) {
            throw new NdrException("union arm " + arm + " for level " + level);
        }
        if (in.u32() != 0) { // container pointer
            in.u32(); // EntriesRead
            if (in.u32() != 0) { // Buffer pointer: clients send an empty container
                throw new NdrException("non-empty input container");
            }
        }
        in.u32(); // PreferedMaximumLength
        boolean resume = in.u32() != 0; // ResumeHandle [in, out, unique]
        if (resume) {
            in.u32();
        }
        NdrWriter w = new NdrWriter();
        w.u32(level); // Level
        w.u32(level); // union discriminant
        if (!supported(level)) {
            w.nullPointer();
            w.u32(0); // TotalEntries
            writeResume(w, resume);
            return w.u32(WERR_INVALID_LEVEL).toByteArray();
        }
        w.pointer(); // container
        w.u32(shares.size()); // EntriesRead
        if (shares.isEmpty()) {
            w.nullPointer();
        } else {
            w.pointer(); // Buffer
            w.u32(shares.size()); // conformant array MaximumCount
            for (ShareInfo s : shares) {
                fixed(w, level, s);
            }
            for (ShareInfo s : shares) {
                deferred(w, level, s);
            }
        }
        w.u32(shares.size()); // TotalEntries
        writeResume(w, resume);
        return w.u32(WERR_OK).toByteArray();
    }

    private static void writeResume(NdrWriter w, boolean resume) {
        if (resume) {
            w.pointer().u32(0);
        } else {
            w.nullPointer();
        }
    }

    /** [MS-SRVS] 3.1.4.10 NetrShareGetInfo. */
    private byte[] getInfo(NdrReader in) throws NdrException {
        in.uniqueString(); // ServerName [in, string, unique]
        String name = in.string(); // NetName [in, string] (reference: no referent id)
        int level = in.u32(); // Level
        NdrWriter w = new NdrWriter();
        w.u32(level); // union discriminant
        ShareInfo found = null;
        for (ShareInfo s : shares) {
            if (s.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                found = s;
            }
        }
        if (!supported(level) || found == null) {
            w.nullPointer();
            return w.u32(found == null ? WERR_NERR_NETNAMENOTFOUND : WERR_INVALID_LEVEL)
                    .toByteArray();
        }
        w.pointer();
        fixed(w, level, found);
        deferred(w, level, found);
        return w.u32(WERR_OK).toByteArray();
    }

    /** The fixed part of SHARE_INFO_level ([MS-SRVS] 2.2.4.22-2.2.4.26); pointees follow later. */
    private static void fixed(NdrWriter w, int level, ShareInfo s) {
        w.pointer(); // shi_netname
        if (level == 0) {
            return;
        }
        w.u32(s.type()); // shi_type
        w.pointer(); // shi_remark
        if (level == 1) {
            return;
        }
        if (level == 501) {
            w.u32(0); // shi501_flags (CSC policy: manual)
            return;
        }
        w.u32(0); // shi_permissions
        w.u32(-1); // shi_max_uses: unlimited
        w.u32(0); // shi_current_uses
        w.pointer(); // shi_path
        w.nullPointer(); // shi_passwd
        if (level == 502) {
            w.u32(0); // shi502_reserved (security descriptor length)
            w.nullPointer(); // shi502_security_descriptor
        }
    }

    /** The strings the fixed part points to, in field order. */
    private static void deferred(NdrWriter w, int level, ShareInfo s) {
        w.string(s.name());
        if (level == 0) {
            return;
        }
        w.string(s.comment());
        if (level == 2 || level == 502) {
            w.string(s.path());
        }
    }
}
