package io.interlock.server.smb2.wire;

/** SMB2 READ Request ([MS-SMB2] 2.2.19). */
public record ReadRequest(int length, long offset, Smb2FileId fileId, int minimumCount) {
    public static ReadRequest decode(Smb2Reader r) throws Smb2ProtocolException {
        Smb2Messages.structureSize(r, 49, "READ");
        r.u8(); // Padding (1 byte)
        r.u8(); // Flags (1 byte)
        int length = r.u32Length("Length"); // Length (4 bytes)
        long offset = r.u64(); // Offset (8 bytes)
        Smb2FileId id = Smb2FileId.decode(r); // FileId (16 bytes)
        int min = r.u32Length("MinimumCount"); // MinimumCount (4 bytes)
        r.u32(); // Channel (4 bytes)
        r.u32(); // RemainingBytes (4 bytes)
        r.u16(); // ReadChannelInfoOffset (2 bytes)
        r.u16(); // ReadChannelInfoLength (2 bytes)
        return new ReadRequest(length, offset, id, min);
    }
}
