package io.interlock.server.smb2.wire;

/** SMB2 READ Response ([MS-SMB2] 2.2.20); the data starts at header offset 80. */
public record ReadResponse(byte[] data) implements Smb2Response {
    @Override
    public void encode(Smb2Writer w) {
        w.u16(17); // StructureSize (2 bytes)
        w.u8(Smb2Header.SIZE + 16); // DataOffset (1 byte)
        w.u8(0); // Reserved (1 byte)
        w.u32(data.length); // DataLength (4 bytes)
        w.u32(0); // DataRemaining (4 bytes)
        w.u32(0); // Flags/Reserved2 (4 bytes)
        w.bytes(data); // Buffer
        if (data.length == 0) {
            w.u8(0);
        }
    }
}
