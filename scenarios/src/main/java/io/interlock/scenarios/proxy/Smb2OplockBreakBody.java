package io.interlock.scenarios.proxy;

/**
 * A traditional oplock break message, 24 bytes: notification ([MS-SMB2] 2.2.23.1),
 * acknowledgment (2.2.24.1) or response (2.2.25.1), told apart by the header.
 *
 * @param kind which of the three
 * @param oplockLevel OplockLevel (0 none, 1 level II, 8 exclusive, 9 batch)
 * @param fileId FileId
 */
public record Smb2OplockBreakBody(Kind kind, int oplockLevel, Smb2FileId fileId) implements Smb2Body {
    public static final int STRUCTURE_SIZE = 24;

    /** Notification: server to client with MessageId 0xFFFFFFFFFFFFFFFF; then ack and response. */
    public enum Kind {
        NOTIFICATION,
        ACKNOWLEDGMENT,
        RESPONSE
    }

    static Smb2OplockBreakBody decode(WireCursor c, Kind kind) {
        c.u16le(); // StructureSize (2 bytes): 24
        int level = c.u8(); // OplockLevel (1 byte)
        c.u8(); // Reserved (1 byte)
        c.i32le(); // Reserved2 (4 bytes)
        return new Smb2OplockBreakBody(kind, level, Smb2FileId.read(c)); // FileId (16 bytes)
    }
}
