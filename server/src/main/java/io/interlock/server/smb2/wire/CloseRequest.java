package io.interlock.server.smb2.wire;

/** SMB2 CLOSE Request ([MS-SMB2] 2.2.15). */
public record CloseRequest(int flags, Smb2FileId fileId) {
    public static final int POSTQUERY_ATTRIB = 0x1;

    public static CloseRequest decode(Smb2Reader r) throws Smb2ProtocolException {
        Smb2Messages.structureSize(r, 24, "CLOSE");
        int flags = r.u16(); // Flags (2 bytes)
        r.u32(); // Reserved (4 bytes)
        return new CloseRequest(flags, Smb2FileId.decode(r)); // FileId (16 bytes)
    }
}
