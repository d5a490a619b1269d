package io.interlock.server.smb2.wire;

/** SMB2 QUERY_INFO Request ([MS-SMB2] 2.2.37). */
public record QueryInfoRequest(
        int infoType, int infoClass, int outputBufferLength, int additionalInformation, Smb2FileId fileId) {
    public static final int INFO_FILE = 1;
    public static final int INFO_FILESYSTEM = 2;
    public static final int INFO_SECURITY = 3;
    public static final int INFO_QUOTA = 4;

    public static QueryInfoRequest decode(Smb2Reader r) throws Smb2ProtocolException {
        Smb2Messages.structureSize(r, 41, "QUERY_INFO");
        int type = r.u8(); // InfoType (1 byte)
        int cls = r.u8(); // FileInfoClass (1 byte)
        int out = r.u32Length("OutputBufferLength"); // OutputBufferLength (4 bytes)
        r.u16(); // InputBufferOffset (2 bytes)
        r.u16(); // Reserved (2 bytes)
        r.u32(); // InputBufferLength (4 bytes)
        int add = r.u32(); // AdditionalInformation (4 bytes)
        r.u32(); // Flags (4 bytes)
        return new QueryInfoRequest(type, cls, out, add, Smb2FileId.decode(r)); // FileId (16 bytes)
    }
}
