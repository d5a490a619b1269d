package io.interlock.server.smb2.wire;

/** SMB2 TREE_CONNECT Response ([MS-SMB2] 2.2.10). */
public record TreeConnectResponse(int shareType, int shareFlags, int capabilities, int maximalAccess)
        implements Smb2Response {
    public static final int SHARE_TYPE_DISK = 0x01;
    public static final int SHARE_TYPE_PIPE = 0x02;
    public static final int SHAREFLAG_ENCRYPT_DATA = 0x8000;

    @Override
    public void encode(Smb2Writer w) {
        w.u16(16); // StructureSize (2 bytes)
        w.u8(shareType); // ShareType (1 byte)
        w.u8(0); // Reserved (1 byte)
        w.u32(shareFlags); // ShareFlags (4 bytes)
        w.u32(capabilities); // Capabilities (4 bytes)
        w.u32(maximalAccess); // MaximalAccess (4 bytes)
    }
}
