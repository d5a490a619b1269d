package io.interlock.server.smb2.handlers;

import io.interlock.server.smb2.wire.Smb2FileId;

/**
 * State carried along a compound chain ([MS-SMB2] 3.3.5.2.7.2): the FileId, SessionId and TreeId a
 * related request inherits, and the status of the previous request. Used by one lane at a time.
 */
public final class Smb2Chain {
    private Smb2FileId fileId;
    private long sessionId;
    private int treeId;

    public Smb2FileId fileId() {
        return fileId;
    }

    public void fileId(Smb2FileId id) {
        fileId = id;
    }

    public long sessionId() {
        return sessionId;
    }

    public int treeId() {
        return treeId;
    }

    public void ids(long session, int tree) {
        sessionId = session;
        treeId = tree;
    }
}
