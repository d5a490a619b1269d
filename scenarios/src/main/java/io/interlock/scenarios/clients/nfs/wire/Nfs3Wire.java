package io.interlock.scenarios.clients.nfs.wire;

/** Constants shared by the NFSv3 messages (RFC 1813 §2.6). */
public final class Nfs3Wire {
    /** nfsstat3 NFS3_OK. */
    public static final int NFS3_OK = 0;
    /** The size of cookieverf3, createverf3 and writeverf3 (fixed opaques). */
    public static final int VERIFIER_SIZE = 8;

    private Nfs3Wire() {}
}
