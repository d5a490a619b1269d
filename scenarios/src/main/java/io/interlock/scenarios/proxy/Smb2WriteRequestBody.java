package io.interlock.scenarios.proxy;

/**
 * SMB2 WRITE Request ([MS-SMB2] 2.2.21).
 *
 * @param fileId FileId
 * @param offset Offset
 * @param length Length (bytes of data carried)
 */
public record Smb2WriteRequestBody(Smb2FileId fileId, long offset, long length) implements Smb2Body {
    public static final int STRUCTURE_SIZE = 49;

    static Smb2WriteRequestBody decode(WireCursor c) {
        c.u16le(); // StructureSize (2 bytes): 49
        c.u16le(); // DataOffset (2 bytes)
        long length = c.u32le(); // Length (4 bytes)
        long offset = c.u64le(); // Offset (8 bytes)
        return new Smb2WriteRequestBody(Smb2FileId.read(c), offset, length); // FileId (16 bytes)
    }
}
