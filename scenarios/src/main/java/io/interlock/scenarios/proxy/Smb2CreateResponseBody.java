package io.interlock.scenarios.proxy;

/**
 * SMB2 CREATE Response ([MS-SMB2] 2.2.14) of a successful open: what was granted.
 *
 * @param oplockLevel OplockLevel granted (0xFF = lease)
 * @param createAction CreateAction (0 superseded, 1 opened, 2 created, 3 overwritten)
 * @param fileId FileId
 * @param endOfFile EndofFile
 * @param lease the RqLs response context (granted state, epoch), null when absent
 */
public record Smb2CreateResponseBody(
        int oplockLevel, int createAction, Smb2FileId fileId, long endOfFile, Smb2LeaseInfo lease) implements Smb2Body {
    public static final int STRUCTURE_SIZE = 89;

    static Smb2CreateResponseBody decode(byte[] frame, WireCursor c, int header) {
        c.u16le(); // StructureSize (2 bytes): 89
        int oplock = c.u8(); // OplockLevel (1 byte)
        c.u8(); // Flags (1 byte)
        int action = c.i32le(); // CreateAction (4 bytes)
        c.skip(32); // CreationTime, LastAccessTime, LastWriteTime, ChangeTime (8 bytes each)
        c.u64le(); // AllocationSize (8 bytes)
        long eof = c.u64le(); // EndofFile (8 bytes)
        c.i32le(); // FileAttributes (4 bytes)
        c.i32le(); // Reserved2 (4 bytes)
        Smb2FileId id = Smb2FileId.read(c); // FileId (16 bytes)
        long ctxOffset = c.u32le(); // CreateContextsOffset (4 bytes), from the header
        long ctxLength = c.u32le(); // CreateContextsLength (4 bytes)
        Smb2LeaseInfo lease = Smb2LeaseInfo.find(frame, c.limit(), header + ctxOffset, ctxLength);
        return new Smb2CreateResponseBody(oplock, action, id, eof, lease);
    }
}
