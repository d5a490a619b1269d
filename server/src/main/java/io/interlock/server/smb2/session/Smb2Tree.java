package io.interlock.server.smb2.session;

import io.interlock.server.runtime.Share;

/**
 * A tree connect ([MS-SMB2] 3.3.1.9): a disk share, or IPC$ when {@code share} is null.
 *
 * @param id TreeId
 * @param share the share, or null for IPC$
 * @param encryptData TreeConnect.EncryptData: requests on this tree must be encrypted
 */
public record Smb2Tree(int id, Share share, boolean encryptData) {
    public Smb2Tree(int id, Share share) {
        this(id, share, false);
    }

    public boolean isIpc() {
        return share == null;
    }
}
