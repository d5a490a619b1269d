package io.interlock.server.smb2.wire;

/** SMB2 CLOSE Response ([MS-SMB2] 2.2.16); the attribute block is zero unless POSTQUERY_ATTRIB. */
public record CloseResponse(int flags, Smb2NetworkOpenInfo info) implements Smb2Response {

    public static final CloseResponse EMPTY = new CloseResponse(0, Smb2NetworkOpenInfo.ZERO);

    @Override
    public void encode(Smb2Writer w) {
        w.u16(60); // StructureSize (2 bytes)
        w.u16(flags); // Flags (2 bytes)
        w.u32(0); // Reserved (4 bytes)
        info.encode(w); // CreationTime .. FileAttributes (52 bytes)
    }
}
