package io.interlock.scenarios.proxy;

/**
 * SMB2 READ Request ([MS-SMB2] 2.2.19).
 *
 * @param fileId FileId
 * @param offset Offset
 * @param length Length (bytes asked for)
 */
public record Smb2ReadRequestBody(Smb2FileId fileId, long offset, long length) implements Smb2Body {
    public static final int STRUCTURE_SIZE = 49;

    static Smb2ReadRequestBody decode(WireCursor c) {
        c.u16le(); // StructureSize (2 bytes): 49
        c.u8(); // Padding (1 byte)
        c.u8(); // Flags (1 byte)
        long length = c.u32le(); // Length (4 bytes)
        long offset = c.u64le(); // Offset (8 bytes)
        return new Smb2ReadRequestBody(Smb2FileId.read(c), offset, length); // FileId (16 bytes)
    }
}
