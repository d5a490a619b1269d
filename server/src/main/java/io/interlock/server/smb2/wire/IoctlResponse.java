package io.interlock.server.smb2.wire;

/** SMB2 IOCTL Response ([MS-SMB2] 2.2.32); the output follows the fixed part at header offset 112. */
public record IoctlResponse(int ctlCode, Smb2FileId fileId, byte[] output) implements Smb2Response {
    @Override
    public void encode(Smb2Writer w) {
        w.u16(49); // StructureSize (2 bytes)
        w.u16(0); // Reserved (2 bytes)
        w.u32(ctlCode); // CtlCode (4 bytes)
        fileId.encode(w); // FileId (16 bytes)
        w.u32(Smb2Header.SIZE + 48); // InputOffset (4 bytes)
        w.u32(0); // InputCount (4 bytes)
        w.u32(Smb2Header.SIZE + 48); // OutputOffset (4 bytes)
        w.u32(output.length); // OutputCount (4 bytes)
        w.u32(0); // Flags (4 bytes)
        w.u32(0); // Reserved2 (4 bytes)
        w.bytes(output); // Buffer
    }
}
