package io.interlock.server.smb2.wire;

/** SMB2 FLUSH Request ([MS-SMB2] 2.2.17). */
public record FlushRequest(Smb2FileId fileId) {
    public static FlushRequest decode(Smb2Reader r) throws Smb2ProtocolException {
        Smb2Messages.structureSize(r, 24, "FLUSH");
        r.u16(); // Reserved1 (2 bytes)
        r.u32(); // Reserved2 (4 bytes)
        return new FlushRequest(Smb2FileId.decode(r)); // FileId (16 bytes)
    }
}
