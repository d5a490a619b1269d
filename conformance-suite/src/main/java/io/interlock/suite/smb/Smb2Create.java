package io.interlock.suite.smb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An SMB2 CREATE request ([MS-SMB2] 2.2.13) as the suites want it: every field settable, the RqLs
 * context optional and its length overridable (to send malformed ones), other contexts raw.
 *
 * @param path share-relative path, '/' or '\' separated
 * @param oplock RequestedOplockLevel (NONE 0, II 1, EXCLUSIVE 8, BATCH 9, LEASE 0xFF)
 * @param access DesiredAccess (2.2.13.1)
 * @param attributes FileAttributes
 * @param share ShareAccess (READ 1, WRITE 2, DELETE 4)
 * @param disposition CreateDisposition (SUPERSEDE 0, OPEN 1, CREATE 2, OPEN_IF 3, OVERWRITE 4,
 *     OVERWRITE_IF 5)
 * @param options CreateOptions (DIRECTORY_FILE 1, NON_DIRECTORY_FILE 0x40, ...)
 * @param lease the RqLs payload, or null
 * @param leaseDataLength DataLength to claim for the RqLs context, or 0 for its real length
 * @param extra further contexts, each {@code name} + {@code data}
 */
public record Smb2Create(
        String path,
        int oplock,
        int access,
        int attributes,
        int share,
        int disposition,
        int options,
        Lease lease,
        int leaseDataLength,
        List<Context> extra) {

    public static final int OPLOCK_NONE = 0x00;
    public static final int OPLOCK_II = 0x01;
    public static final int OPLOCK_EXCLUSIVE = 0x08;
    public static final int OPLOCK_BATCH = 0x09;
    public static final int OPLOCK_LEASE = 0xFF;

    public static final int FILE_READ_DATA = 0x1;
    public static final int FILE_WRITE_DATA = 0x2;
    public static final int FILE_APPEND_DATA = 0x4;
    public static final int FILE_READ_EA = 0x8;
    public static final int FILE_WRITE_EA = 0x10;
    public static final int FILE_EXECUTE = 0x20;
    public static final int FILE_READ_ATTRIBUTES = 0x80;
    public static final int FILE_WRITE_ATTRIBUTES = 0x100;
    public static final int DELETE = 0x10000;
    public static final int READ_CONTROL = 0x20000;
    public static final int SYNCHRONIZE = 0x100000;
    public static final int GENERIC_RW = 0x0012019F;
    public static final int GENERIC_READ = 0x00120089;

    public static final int SHARE_NONE = 0;
    public static final int SHARE_READ = 1;
    public static final int SHARE_WRITE = 2;
    public static final int SHARE_DELETE = 4;
    public static final int SHARE_ALL = 7;

    public static final int SUPERSEDE = 0;
    public static final int OPEN = 1;
    public static final int CREATE = 2;
    public static final int OPEN_IF = 3;
    public static final int OVERWRITE = 4;
    public static final int OVERWRITE_IF = 5;

    public static final int DIRECTORY_FILE = 0x1;
    public static final int NON_DIRECTORY_FILE = 0x40;
    public static final int DELETE_ON_CLOSE = 0x1000;

    /** A create context other than RqLs. */
    public record Context(String name, byte[] data) {}

    public Smb2Create {
        extra = extra == null ? List.of() : List.copyOf(extra);
    }

    /** OPEN_IF of a file for read/write, sharing everything, no oplock or lease. */
    public static Smb2Create file(String path) {
        return new Smb2Create(
                path, OPLOCK_NONE, GENERIC_RW, 0x80, SHARE_ALL, OPEN_IF, NON_DIRECTORY_FILE, null, 0, List.of());
    }

    /** OPEN_IF of a directory for reading, sharing everything. */
    public static Smb2Create directory(String path) {
        return new Smb2Create(
                path, OPLOCK_NONE, GENERIC_READ, 0x10, SHARE_ALL, OPEN_IF, DIRECTORY_FILE, null, 0, List.of());
    }

    /** A stat open: READ_ATTRIBUTES | SYNCHRONIZE, OPEN. */
    public static Smb2Create stat(String path) {
        return file(path).access(FILE_READ_ATTRIBUTES | SYNCHRONIZE).disposition(OPEN);
    }

    public Smb2Create lease(Lease l) {
        return new Smb2Create(path, OPLOCK_LEASE, access, attributes, share, disposition, options, l, 0, extra);
    }

    /** The lease context with a wrong DataLength claimed (R-SMB-4). */
    public Smb2Create leaseDataLength(int n) {
        return new Smb2Create(path, oplock, access, attributes, share, disposition, options, lease, n, extra);
    }

    public Smb2Create oplock(int level) {
        return new Smb2Create(
                path, level, access, attributes, share, disposition, options, lease, leaseDataLength, extra);
    }

    public Smb2Create access(int a) {
        return new Smb2Create(path, oplock, a, attributes, share, disposition, options, lease, leaseDataLength, extra);
    }

    public Smb2Create share(int s) {
        return new Smb2Create(path, oplock, access, attributes, s, disposition, options, lease, leaseDataLength, extra);
    }

    public Smb2Create disposition(int d) {
        return new Smb2Create(path, oplock, access, attributes, share, d, options, lease, leaseDataLength, extra);
    }

    public Smb2Create options(int o) {
        return new Smb2Create(path, oplock, access, attributes, share, disposition, o, lease, leaseDataLength, extra);
    }

    /** Body of the request (without the 64-byte header); offsets count from the header. */
    public byte[] encodeBody() {
        String p = path.replace('/', '\\');
        while (p.startsWith("\\")) {
            p = p.substring(1);
        }
        byte[] name = p.getBytes(StandardCharsets.UTF_16LE);
        List<Context> contexts = new ArrayList<>();
        if (lease != null) {
            contexts.add(new Context(Lease.NAME, lease.encode()));
        }
        contexts.addAll(extra);
        int nameOffset = 64 + 56;
        int nameBytes = Math.max(name.length, 1);
        int ctxOffset = contexts.isEmpty() ? 0 : align8(nameOffset + nameBytes);
        byte[] ctx = encodeContexts(contexts);
        int end = contexts.isEmpty() ? nameOffset + nameBytes : ctxOffset + ctx.length;
        ByteBuffer b = ByteBuffer.allocate(end - 64).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 57); // StructureSize (2 bytes)
        b.put((byte) 0); // SecurityFlags (1 byte)
        b.put((byte) oplock); // RequestedOplockLevel (1 byte)
        b.putInt(2); // ImpersonationLevel (4 bytes): Impersonation
        b.putLong(0); // SmbCreateFlags (8 bytes)
        b.putLong(0); // Reserved (8 bytes)
        b.putInt(access); // DesiredAccess (4 bytes)
        b.putInt(attributes); // FileAttributes (4 bytes)
        b.putInt(share); // ShareAccess (4 bytes)
        b.putInt(disposition); // CreateDisposition (4 bytes)
        b.putInt(options); // CreateOptions (4 bytes)
        b.putShort((short) nameOffset); // NameOffset (2 bytes)
        b.putShort((short) name.length); // NameLength (2 bytes)
        b.putInt(ctxOffset); // CreateContextsOffset (4 bytes)
        b.putInt(ctx.length); // CreateContextsLength (4 bytes)
        b.put(name); // Buffer: the name
        if (!contexts.isEmpty()) {
            b.position(ctxOffset - 64);
            b.put(ctx);
        }
        return b.array();
    }

    private byte[] encodeContexts(List<Context> contexts) {
        ByteBuffer out = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < contexts.size(); i++) {
            Context c = contexts.get(i);
            byte[] nm = c.name().getBytes(StandardCharsets.US_ASCII);
            int start = out.position();
            int dataOff = align8(16 + nm.length);
            int len = dataOff + c.data().length;
            boolean last = i == contexts.size() - 1;
            int claimed = c.name().equals(Lease.NAME) && leaseDataLength > 0 ? leaseDataLength : c.data().length;
            out.putInt(last ? 0 : align8(len)); // Next (4 bytes)
            out.putShort((short) 16); // NameOffset (2 bytes)
            out.putShort((short) nm.length); // NameLength (2 bytes)
            out.putShort((short) 0); // Reserved (2 bytes)
            out.putShort((short) dataOff); // DataOffset (2 bytes)
            out.putInt(claimed); // DataLength (4 bytes)
            out.put(nm); // Buffer: name, padded to 8
            out.position(start + dataOff);
            out.put(c.data()); // Buffer: data
            // a claimed length beyond the data must still lie inside the buffer the server reads
            int padTo = Math.max(len, dataOff + claimed);
            out.position(start + (last ? padTo : align8(Math.max(len, padTo))));
        }
        byte[] r = new byte[out.position()];
        out.flip();
        out.get(r);
        return r;
    }

    static int align8(int v) {
        return (v + 7) & ~7;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(path);
        if (oplock != OPLOCK_NONE && oplock != OPLOCK_LEASE) {
            b.append(" oplock=").append(Smb2Open.oplockName(oplock));
        }
        if (lease != null) {
            b.append(' ').append(lease);
        }
        if (disposition != OPEN_IF) {
            b.append(" disp=").append(disposition);
        }
        if (access != GENERIC_RW && access != GENERIC_READ) {
            b.append(" access=0x").append(Integer.toHexString(access));
        }
        if (share != SHARE_ALL) {
            b.append(" share=").append(share);
        }
        if ((options & DIRECTORY_FILE) != 0) {
            b.append(" dir");
        }
        return b.toString();
    }
}
