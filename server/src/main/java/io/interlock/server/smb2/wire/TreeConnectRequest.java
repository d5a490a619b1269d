package io.interlock.server.smb2.wire;

/** SMB2 TREE_CONNECT Request ([MS-SMB2] 2.2.9); the path is "\\server\share". */
public record TreeConnectRequest(int flags, String path) {
    public static TreeConnectRequest decode(Smb2Reader r) throws Smb2ProtocolException {
        Smb2Messages.structureSize(r, 9, "TREE_CONNECT");
        int flags = r.u16(); // Flags/Reserved (2 bytes)
        int off = r.u16(); // PathOffset (2 bytes)
        int len = r.u16(); // PathLength (2 bytes)
        return new TreeConnectRequest(flags, r.utf16At(off, len));
    }

    /** The share name: the last path component. */
    public String shareName() {
        int i = path.lastIndexOf('\\');
        return i < 0 ? path : path.substring(i + 1);
    }
}
