package io.interlock.server.smb2.wire;

/** SMB2 SESSION_SETUP Response ([MS-SMB2] 2.2.6). */
public record SessionSetupResponse(int sessionFlags, byte[] securityBuffer) implements Smb2Response {
    public static final int IS_GUEST = 0x1;
    public static final int IS_NULL = 0x2;
    public static final int ENCRYPT_DATA = 0x4;

    @Override
    public void encode(Smb2Writer w) {
        w.u16(9); // StructureSize (2 bytes)
        w.u16(sessionFlags); // SessionFlags (2 bytes)
        w.u16(securityBuffer.length == 0 ? 0 : Smb2Header.SIZE + 8); // SecurityBufferOffset (2 bytes)
        w.u16(securityBuffer.length); // SecurityBufferLength (2 bytes)
        w.bytes(securityBuffer); // Buffer
        if (securityBuffer.length == 0) {
            w.u8(0);
        }
    }
}
