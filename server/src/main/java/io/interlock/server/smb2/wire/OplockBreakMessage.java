package io.interlock.server.smb2.wire;

/**
 * The 24-byte oplock break notification, acknowledgment and response ([MS-SMB2] 2.2.23.1, 2.2.24.1,
 * 2.2.25.1), which share one layout.
 *
 * @param oplockLevel notification: the level the server accepts in the ack; ack: the level kept;
 *     response: the resulting level
 * @param fileId the open
 */
public record OplockBreakMessage(int oplockLevel, Smb2FileId fileId) implements Smb2Response {
    public static final int STRUCTURE_SIZE = 24;

    /** Decodes the body after its StructureSize, which the caller has read and checked. */
    public static OplockBreakMessage decodeAfterSize(Smb2Reader r) throws Smb2ProtocolException {
        int level = r.u8(); // OplockLevel (1 byte)
        r.u8(); // Reserved (1 byte)
        r.u32(); // Reserved2 (4 bytes)
        long persistent = r.u64(); // FileId.Persistent (8 bytes)
        long vol = r.u64(); // FileId.Volatile (8 bytes)
        return new OplockBreakMessage(level, new Smb2FileId(persistent, vol));
    }

    @Override
    public void encode(Smb2Writer w) {
        w.u16(STRUCTURE_SIZE); // StructureSize (2 bytes)
        w.u8(oplockLevel); // OplockLevel (1 byte)
        w.u8(0); // Reserved (1 byte)
        w.u32(0); // Reserved2 (4 bytes)
        w.u64(fileId.persistent()); // FileId.Persistent (8 bytes)
        w.u64(fileId.volatileId()); // FileId.Volatile (8 bytes)
    }
}
