package io.interlock.server.smb2.wire;

/** SMB2 WRITE Response ([MS-SMB2] 2.2.22). */
public record WriteResponse(int count) implements Smb2Response {
    @Override
    public void encode(Smb2Writer w) {
        w.u16(17); // StructureSize (2 bytes)
        w.u16(0); // Reserved (2 bytes)
        w.u32(count); // Count (4 bytes)
        w.u32(0); // Remaining (4 bytes)
        w.u16(0); // WriteChannelInfoOffset (2 bytes)
        w.u16(0); // WriteChannelInfoLength (2 bytes)
    }
}
