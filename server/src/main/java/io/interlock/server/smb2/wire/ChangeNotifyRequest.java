package io.interlock.server.smb2.wire;

/** SMB2 CHANGE_NOTIFY Request ([MS-SMB2] 2.2.35). */
public record ChangeNotifyRequest(int flags, int outputBufferLength, Smb2FileId fileId, int completionFilter) {
    public static ChangeNotifyRequest decode(Smb2Reader r) throws Smb2ProtocolException {
        Smb2Messages.structureSize(r, 32, "CHANGE_NOTIFY");
        int flags = r.u16(); // Flags (2 bytes)
        int len = r.u32Length("OutputBufferLength"); // OutputBufferLength (4 bytes)
        Smb2FileId id = Smb2FileId.decode(r); // FileId (16 bytes)
        int filter = r.u32(); // CompletionFilter (4 bytes)
        r.u32(); // Reserved (4 bytes)
        return new ChangeNotifyRequest(flags, len, id, filter);
    }
}
