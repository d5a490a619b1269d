package io.interlock.server.smb2.wire;

/** SMB2 QUERY_DIRECTORY Request ([MS-SMB2] 2.2.33). */
public record QueryDirectoryRequest(
        int infoClass, int flags, int fileIndex, Smb2FileId fileId, String pattern, int outputBufferLength) {
    public static final int RESTART_SCANS = 0x01;
    public static final int RETURN_SINGLE_ENTRY = 0x02;
    public static final int INDEX_SPECIFIED = 0x04;
    public static final int REOPEN = 0x10;

    public static QueryDirectoryRequest decode(Smb2Reader r) throws Smb2ProtocolException {
        Smb2Messages.structureSize(r, 33, "QUERY_DIRECTORY");
        int cls = r.u8(); // FileInformationClass (1 byte)
        int flags = r.u8(); // Flags (1 byte)
        int index = r.u32(); // FileIndex (4 bytes)
        Smb2FileId id = Smb2FileId.decode(r); // FileId (16 bytes)
        int nameOff = r.u16(); // FileNameOffset (2 bytes)
        int nameLen = r.u16(); // FileNameLength (2 bytes)
        int out = r.u32Length("OutputBufferLength"); // OutputBufferLength (4 bytes)
        return new QueryDirectoryRequest(cls, flags, index, id, r.utf16At(nameOff, nameLen), out);
    }
}
