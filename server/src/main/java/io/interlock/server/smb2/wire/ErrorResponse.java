package io.interlock.server.smb2.wire;

/** SMB2 ERROR Response ([MS-SMB2] 2.2.2), without error contexts. */
public record ErrorResponse() implements Smb2Response {
    @Override
    public void encode(Smb2Writer w) {
        w.u16(9); // StructureSize (2 bytes)
        w.u8(0); // ErrorContextCount (1 byte)
        w.u8(0); // Reserved (1 byte)
        w.u32(0); // ByteCount (4 bytes)
        w.u8(0); // ErrorData (1 byte, required even when empty)
    }
}
