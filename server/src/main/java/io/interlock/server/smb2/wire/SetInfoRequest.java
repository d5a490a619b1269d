package io.interlock.server.smb2.wire;

/** SMB2 SET_INFO Request ([MS-SMB2] 2.2.39). */
public record SetInfoRequest(int infoType, int infoClass, int additionalInformation, Smb2FileId fileId, byte[] buffer) {
    public static SetInfoRequest decode(Smb2Reader r) throws Smb2ProtocolException {
        Smb2Messages.structureSize(r, 33, "SET_INFO");
        int type = r.u8(); // InfoType (1 byte)
        int cls = r.u8(); // FileInfoClass (1 byte)
        int len = r.u32Length("BufferLength"); // BufferLength (4 bytes)
        int off = r.u16(); // BufferOffset (2 bytes)
        r.u16(); // Reserved (2 bytes)
        int add = r.u32(); // AdditionalInformation (4 bytes)
        Smb2FileId id = Smb2FileId.decode(r); // FileId (16 bytes)
        return new SetInfoRequest(type, cls, add, id, r.bufferAt(off, len));
    }
}
