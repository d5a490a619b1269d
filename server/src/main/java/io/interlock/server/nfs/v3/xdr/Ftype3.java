package io.interlock.server.nfs.v3.xdr;

/** ftype3 (RFC 1813 §2.5). */
public final class Ftype3 {
    private Ftype3() {}

    public static final int NF3REG = 1;
    public static final int NF3DIR = 2;
    public static final int NF3BLK = 3;
    public static final int NF3CHR = 4;
    public static final int NF3LNK = 5;
    public static final int NF3SOCK = 6;
    public static final int NF3FIFO = 7;
}
