package io.interlock.server.smb2.wire;

/**
 * SMB2 WRITE Request ([MS-SMB2] 2.2.21). The data is kept as a window of the frame to avoid a copy
 * of up to 8 MiB: {@code frame[dataStart, dataStart + length)}.
 */
public record WriteRequest(long offset, Smb2FileId fileId, int flags, byte[] frame, int dataStart, int length) {
    public static WriteRequest decode(Smb2Reader r, byte[] frame, int messageStart) throws Smb2ProtocolException {
        Smb2Messages.structureSize(r, 49, "WRITE");
        int dataOff = r.u16(); // DataOffset (2 bytes)
        int length = r.u32Length("Length"); // Length (4 bytes)
        long offset = r.u64(); // Offset (8 bytes)
        Smb2FileId id = Smb2FileId.decode(r); // FileId (16 bytes)
        r.u32(); // Channel (4 bytes)
        r.u32(); // RemainingBytes (4 bytes)
        r.u16(); // WriteChannelInfoOffset (2 bytes)
        r.u16(); // WriteChannelInfoLength (2 bytes)
        int flags = r.u32(); // Flags (4 bytes)
        if (length < 0 || (length > 0 && (dataOff < Smb2Header.SIZE + 48 || (long) dataOff + length > r.length()))) {
            throw Smb2ProtocolException.invalid("WRITE data " + dataOff + "+" + length + " outside message");
        }
        return new WriteRequest(offset, id, flags, frame, messageStart + dataOff, length);
    }
}
