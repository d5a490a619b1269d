package io.interlock.scenarios.proxy;

/**
 * SMB2 CREATE Request ([MS-SMB2] 2.2.13): the name and the lease context, plus the fields a
 * history line wants.
 *
 * @param requestedOplockLevel RequestedOplockLevel (0xFF = lease)
 * @param desiredAccess DesiredAccess
 * @param shareAccess ShareAccess
 * @param createDisposition CreateDisposition
 * @param createOptions CreateOptions
 * @param name the file name (UTF-16LE on the wire), relative to the share
 * @param lease the RqLs context, null when absent
 */
public record Smb2CreateRequestBody(
        int requestedOplockLevel,
        int desiredAccess,
        int shareAccess,
        int createDisposition,
        int createOptions,
        String name,
        Smb2LeaseInfo lease)
        implements Smb2Body {
    public static final int STRUCTURE_SIZE = 57;

    /** {@code c} spans the message; {@code header} is the absolute offset of its SMB2 header. */
    static Smb2CreateRequestBody decode(byte[] frame, WireCursor c, int header) {
        c.u16le(); // StructureSize (2 bytes): 57
        c.u8(); // SecurityFlags (1 byte)
        int oplock = c.u8(); // RequestedOplockLevel (1 byte)
        c.i32le(); // ImpersonationLevel (4 bytes)
        c.u64le(); // SmbCreateFlags (8 bytes)
        c.u64le(); // Reserved (8 bytes)
        int access = c.i32le(); // DesiredAccess (4 bytes)
        c.i32le(); // FileAttributes (4 bytes)
        int share = c.i32le(); // ShareAccess (4 bytes)
        int disposition = c.i32le(); // CreateDisposition (4 bytes)
        int options = c.i32le(); // CreateOptions (4 bytes)
        int nameOffset = c.u16le(); // NameOffset (2 bytes), from the header
        int nameLength = c.u16le(); // NameLength (2 bytes)
        long ctxOffset = c.u32le(); // CreateContextsOffset (4 bytes), from the header
        long ctxLength = c.u32le(); // CreateContextsLength (4 bytes)
        String name = nameLength == 0 ? "" : c.seek(header + (long) nameOffset).utf16le(nameLength);
        Smb2LeaseInfo lease = Smb2LeaseInfo.find(frame, c.limit(), header + ctxOffset, ctxLength);
        return new Smb2CreateRequestBody(oplock, access, share, disposition, options, name, lease);
    }
}
