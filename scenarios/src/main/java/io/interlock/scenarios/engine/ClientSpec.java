package io.interlock.scenarios.engine;

/**
 * A client a scenario uses. Each SMB client is its own connection with its own ClientGuid.
 *
 * @param protocol "smb" or "nfs"
 */
public record ClientSpec(String protocol) {
    public static final String SMB = "smb";
    public static final String NFS = "nfs";

    public ClientSpec {
        if (!SMB.equals(protocol) && !NFS.equals(protocol)) {
            throw new IllegalArgumentException("client protocol must be smb or nfs, got " + protocol);
        }
    }
}
