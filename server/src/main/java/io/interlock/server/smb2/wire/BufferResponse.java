package io.interlock.server.smb2.wire;

/**
 * The response shape shared by QUERY_DIRECTORY ([MS-SMB2] 2.2.34) and QUERY_INFO (2.2.38):
 * StructureSize 9, OutputBufferOffset, OutputBufferLength, Buffer.
 */
public record BufferResponse(byte[] data) implements Smb2Response {
    @Override
    public void encode(Smb2Writer w) {
        w.u16(9); // StructureSize (2 bytes)
        w.u16(data.length == 0 ? 0 : Smb2Header.SIZE + 8); // OutputBufferOffset (2 bytes)
        w.u32(data.length); // OutputBufferLength (4 bytes)
        w.bytes(data); // Buffer
        if (data.length == 0) {
            w.u8(0);
        }
    }
}
