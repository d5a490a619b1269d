package io.interlock.scenarios.clients.smb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The body of an SMB2 CREATE request ([MS-SMB2] 2.2.13) that smbj 0.14 cannot build: one with a
 * RequestedOplockLevel, either LEASE with an RqLs create context or a traditional oplock level with
 * no context. Offsets are from the start of the SMB2 header.
 *
 * @param path share-relative path with backslashes, no leading separator
 * @param desiredAccess access mask (2.2.13.1)
 * @param shareAccess FILE_SHARE_READ 1 | WRITE 2 | DELETE 4
 * @param createDisposition e.g. FILE_OPEN_IF = 3
 * @param createOptions e.g. FILE_NON_DIRECTORY_FILE = 0x40
 * @param lease the lease to request (RequestedOplockLevel = LEASE), or null for none
 * @param oplockLevel without a lease: the traditional oplock to request (NONE, LEVEL_II, EXCLUSIVE or
 *     BATCH); NONE with a lease
 */
public record Smb2CreateWithLease(
        String path,
        int desiredAccess,
        int shareAccess,
        int createDisposition,
        int createOptions,
        Smb2LeaseContext lease,
        int oplockLevel) {

    public static final byte OPLOCK_LEVEL_NONE = 0x00;
    public static final byte OPLOCK_LEVEL_II = 0x01;
    public static final byte OPLOCK_LEVEL_EXCLUSIVE = 0x08;
    public static final byte OPLOCK_LEVEL_BATCH = 0x09;
    public static final byte OPLOCK_LEVEL_LEASE = (byte) 0xFF;
    public static final int FILE_GENERIC_READ_WRITE = 0x0012019F;
    public static final int SHARE_ALL = 0x7;
    public static final int FILE_OPEN_IF = 3;
    public static final int FILE_NON_DIRECTORY_FILE = 0x40;
    public static final int FILE_DIRECTORY_FILE = 0x1;
    /** FILE_GENERIC_READ: what a directory open for listing asks. */
    public static final int FILE_GENERIC_READ = 0x00120089;

    private static final int HEADER = 64;
    private static final int FIXED = 56;

    public Smb2CreateWithLease {
        if (lease != null && oplockLevel != OPLOCK_LEVEL_NONE) {
            throw new IllegalArgumentException("a CREATE requests a lease or a traditional oplock, not both");
        }
    }

    /** A CREATE requesting {@code lease}, or nothing at all when it is null. */
    public Smb2CreateWithLease(
            String path,
            int desiredAccess,
            int shareAccess,
            int createDisposition,
            int createOptions,
            Smb2LeaseContext lease) {
        this(path, desiredAccess, shareAccess, createDisposition, createOptions, lease, OPLOCK_LEVEL_NONE);
    }

    /** Encodes the body (without the 64-byte SMB2 header). */
    public byte[] encodeBody() {
        byte[] name = path.getBytes(StandardCharsets.UTF_16LE);
        int nameOffset = HEADER + FIXED;
        int nameBytes = Math.max(name.length, 1); // the buffer holds at least one byte
        int contextsOffset = lease == null ? 0 : align8(nameOffset + nameBytes);
        int contextsLength = lease == null ? 0 : lease.encodedLength();
        int end = lease == null ? nameOffset + nameBytes : contextsOffset + contextsLength;
        ByteBuffer b = ByteBuffer.allocate(end - HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 57); // StructureSize (2 bytes)
        b.put((byte) 0); // SecurityFlags (1 byte)
        b.put(lease == null ? (byte) oplockLevel : OPLOCK_LEVEL_LEASE); // RequestedOplockLevel (1 byte)
        b.putInt(2); // ImpersonationLevel (4 bytes): Impersonation
        b.putLong(0); // SmbCreateFlags (8 bytes)
        b.putLong(0); // Reserved (8 bytes)
        b.putInt(desiredAccess); // DesiredAccess (4 bytes)
        b.putInt(0x80); // FileAttributes (4 bytes): FILE_ATTRIBUTE_NORMAL
        b.putInt(shareAccess); // ShareAccess (4 bytes)
        b.putInt(createDisposition); // CreateDisposition (4 bytes)
        b.putInt(createOptions); // CreateOptions (4 bytes)
        b.putShort((short) nameOffset); // NameOffset (2 bytes)
        b.putShort((short) name.length); // NameLength (2 bytes)
        b.putInt(contextsOffset); // CreateContextsOffset (4 bytes)
        b.putInt(contextsLength); // CreateContextsLength (4 bytes)
        b.put(name); // Buffer: name
        if (lease != null) {
            b.position(contextsOffset - HEADER); // zero padding to 8-byte alignment
            lease.encode(b);
        }
        return b.array();
    }

    private static int align8(int v) {
        return (v + 7) & ~7;
    }
}
