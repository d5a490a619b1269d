package io.interlock.server.smb2.handlers;

import io.interlock.server.smb2.session.Smb2Connection;
import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.session.Smb2Session;
import io.interlock.server.smb2.session.Smb2Tree;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.Smb2FileId;
import io.interlock.server.smb2.wire.Smb2Header;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.Smb2Reader;

/**
 * One request of a (possibly compounded) frame, with what the dispatcher resolved for it.
 *
 * @param conn the connection
 * @param header the request header
 * @param frame the whole frame
 * @param start offset of this message in the frame
 * @param length length of this message (up to the next compounded one)
 * @param session the session, or null for commands that need none
 * @param tree the tree, or null for commands that need none
 * @param chain state shared along a compound chain (the related FileId)
 */
public record Smb2Request(
        Smb2Connection conn,
        Smb2Header header,
        byte[] frame,
        int start,
        int length,
        Smb2Session session,
        Smb2Tree tree,
        Smb2Chain chain) {

    /** A reader over this message, positioned at the body (header offset 64). */
    public Smb2Reader body() throws Smb2ProtocolException {
        return new Smb2Reader(frame, start, start + length).seek(Smb2Header.SIZE);
    }

    /**
     * The file or directory open a FileId names, resolving the compound "previous CREATE" id. A
     * named-pipe handle is refused with STATUS_INVALID_DEVICE_REQUEST.
     */
    public Smb2Open open(Smb2FileId id) throws Smb2ProtocolException {
        Smb2Open o = anyOpen(id);
        if (o.pipe() != null) {
            throw new Smb2ProtocolException(NtStatus.STATUS_INVALID_DEVICE_REQUEST, "named pipe handle");
        }
        return o;
    }

    /** The open a FileId names, a named pipe included. */
    public Smb2Open anyOpen(Smb2FileId id) throws Smb2ProtocolException {
        Smb2FileId fid = id;
        if (id.isCompounded()) {
            if (chain.fileId() == null) {
                throw new Smb2ProtocolException(NtStatus.STATUS_FILE_CLOSED, "no related FileId");
            }
            fid = chain.fileId();
        }
        Smb2Open o = conn.opens().get(fid.volatileId());
        if (o == null || fid.persistent() != o.volatileId() || (session != null && o.sessionId() != session.id())) {
            throw new Smb2ProtocolException(NtStatus.STATUS_FILE_CLOSED, "unknown FileId " + fid);
        }
        if (tree != null && o.treeId() != tree.id()) {
            throw new Smb2ProtocolException(NtStatus.STATUS_FILE_CLOSED, "FileId of another tree");
        }
        return o;
    }
}
