package io.interlock.server.smb2.wire;

/** SMB2 IOCTL Request ([MS-SMB2] 2.2.31). */
public record IoctlRequest(int ctlCode, Smb2FileId fileId, byte[] input, int maxOutputResponse, int flags) {
    public static final int FSCTL_VALIDATE_NEGOTIATE_INFO = 0x00140204;
    public static final int FLAG_IS_FSCTL = 0x1;

    public static IoctlRequest decode(Smb2Reader r) throws Smb2ProtocolException {
        Smb2Messages.structureSize(r, 57, "IOCTL");
        r.u16(); // Reserved (2 bytes)
        int code = r.u32(); // CtlCode (4 bytes)
        Smb2FileId id = Smb2FileId.decode(r); // FileId (16 bytes)
        int inOff = r.u32Length("InputOffset"); // InputOffset (4 bytes)
        int inLen = r.u32Length("InputCount"); // InputCount (4 bytes)
        r.u32(); // MaxInputResponse (4 bytes)
        r.u32(); // OutputOffset (4 bytes)
        r.u32(); // OutputCount (4 bytes)
        int maxOut = r.u32Length("MaxOutputResponse"); // MaxOutputResponse (4 bytes)
        int flags = r.u32(); // Flags (4 bytes)
        r.u32(); // Reserved2 (4 bytes)
        return new IoctlRequest(code, id, r.bufferAt(inOff, inLen), maxOut, flags);
    }
}
