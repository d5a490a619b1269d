package io.interlock.server.smb2.session;

import io.interlock.server.runtime.Share;

/**
 * A tree connect ([MS-SMB2] 3.3.1.9): a disk share, or IPC$ when {@code share} is null.
 *
 * @param id TreeId
 * @param share the share, or null for IPC$
 */
public record Smb2Tree(int id, Share share) {
    public boolean isIpc() {
        return share == null;
    }
}
