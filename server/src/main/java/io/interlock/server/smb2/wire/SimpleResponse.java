package io.interlock.server.smb2.wire;

/**
 * The 4-byte body shared by LOGOFF, TREE_DISCONNECT, ECHO and FLUSH responses ([MS-SMB2] 2.2.8,
 * 2.2.12, 2.2.29, 2.2.18): StructureSize 4 and two reserved bytes. SET_INFO uses size 2 (2.2.40).
 */
public record SimpleResponse(int structureSize) implements Smb2Response {
    public static final SimpleResponse FOUR = new SimpleResponse(4);
    public static final SimpleResponse SET_INFO = new SimpleResponse(2);

    @Override
    public void encode(Smb2Writer w) {
        w.u16(structureSize); // StructureSize (2 bytes)
        if (structureSize == 4) {
            w.u16(0); // Reserved (2 bytes)
        }
    }
}
