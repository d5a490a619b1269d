package io.interlock.scenarios.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A lean NFSv3 client (RFC 1813) over ONC RPC on TCP (RFC 5531, record marking) with explicit NFS
 * and MOUNT ports and AUTH_SYS root, for measuring a server rather than a client: handles instead
 * of paths, each call written with one socket write (record mark included), reply buffers reused,
 * one call at a time. {@link #send} and {@link #receive} are the two halves of a call, so that a
 * caller can time an operation that the server holds (a WRITE waiting for a lease break).
 *
 * <p>Not thread-safe: one thread per client (the load run gives every simulated client its own).
 */
public final class RpcNfsClient implements BenchNfsClient {
    static final int NFS_PROGRAM = 100003;
    static final int MOUNT_PROGRAM = 100005;

    /** RFC 1813 §3 procedure numbers. */
    static final int GETATTR = 1;

    static final int SETATTR = 2;
    static final int LOOKUP = 3;
    static final int READ = 6;
    static final int WRITE = 7;
    static final int CREATE = 8;
    static final int REMOVE = 12;
    static final int RENAME = 14;
    static final int FSINFO = 19;
    static final int COMMIT = 21;

    /** stable_how (RFC 1813 §3.3.7). */
    public static final int UNSTABLE = 0;

    public static final int FILE_SYNC = 2;

    /** NFS3ERR_EXIST. */
    private static final int NFS3ERR_EXIST = 17;

    private static final int MAX_REPLY = 16 << 20;
    /** fattr3 is 84 bytes (RFC 1813 §2.6). */
    private static final int FATTR3 = 84;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final byte[] root;
    private final Xdr msg = new Xdr(64 * 1024);
    private byte[] reply = new byte[64 * 1024];
    private int xid = (int) System.nanoTime();
    private int pendingXid;
    private int rtmax = 1 << 20;
    private int wtmax = 1 << 20;

    /** Mounts {@code export} through {@code mount}, then talks NFSv3 to {@code nfs}. */
    public RpcNfsClient(InetSocketAddress nfs, InetSocketAddress mount, String export) throws IOException {
        try (Socket m = new Socket(mount.getAddress(), mount.getPort())) {
            m.setSoTimeout(30_000);
            m.setTcpNoDelay(true);
            DataInputStream mi = new DataInputStream(new BufferedInputStream(m.getInputStream()));
            msg.begin(++xid, MOUNT_PROGRAM, 3, 1).string(export);
            msg.writeTo(m.getOutputStream());
            ByteBuffer r = readReply(mi, xid);
            int status = r.getInt();
            if (status != 0) {
                throw new IOException("MNT " + export + ": status " + status);
            }
            root = opaque(r);
        }
        socket = new Socket(nfs.getAddress(), nfs.getPort());
        boolean ok = false;
        try {
            socket.setSoTimeout(60_000);
            socket.setTcpNoDelay(true);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 256 * 1024));
            out = socket.getOutputStream();
            fsinfo();
            ok = true;
        } finally {
            if (!ok) {
                socket.close();
            }
        }
    }

    /** The export's root handle. */
    public byte[] root() {
        return root;
    }

    /** Largest READ count the server takes (FSINFO rtmax). */
    public int rtmax() {
        return rtmax;
    }

    /** Largest WRITE count the server takes (FSINFO wtmax). */
    public int wtmax() {
        return wtmax;
    }

    private void fsinfo() throws IOException {
        ByteBuffer r = call(msg.begin(++xid, NFS_PROGRAM, 3, FSINFO).opaque(root));
        status("FSINFO", r);
        skipPostOpAttr(r);
        rtmax = r.getInt();
        r.getInt(); // rtpref
        r.getInt(); // rtmult
        wtmax = r.getInt();
        if (rtmax <= 0 || wtmax <= 0) {
            throw new IOException("FSINFO: rtmax " + rtmax + ", wtmax " + wtmax);
        }
    }

    @Override
    public byte[] open(String name) throws IOException {
        return create(root, name);
    }

    /** {@code name} in {@code dir}, created (UNCHECKED, mode 0644) if missing; its handle. */
    public byte[] create(byte[] dir, String name) throws IOException {
        Xdr c = msg.begin(++xid, NFS_PROGRAM, 3, CREATE)
                .opaque(dir)
                .string(name)
                .i32(0); // UNCHECKED
        c.i32(1).i32(0644).i32(0).i32(0).i32(0).i32(0).i32(0); // sattr3: mode only
        ByteBuffer r = call(c);
        int status = r.getInt();
        if (status == 0 && r.getInt() == 1) {
            return opaque(r);
        }
        if (status != 0 && status != NFS3ERR_EXIST) {
            throw new IOException("CREATE " + name + ": status " + status);
        }
        return lookup(dir, name);
    }

    /** LOOKUP of {@code name} in {@code dir}. */
    public byte[] lookup(byte[] dir, String name) throws IOException {
        ByteBuffer r = call(msg.begin(++xid, NFS_PROGRAM, 3, LOOKUP).opaque(dir).string(name));
        status("LOOKUP " + name, r);
        return opaque(r);
    }

    /** GETATTR: the file's size. */
    public long getattrSize(byte[] fh) throws IOException {
        ByteBuffer r = call(msg.begin(++xid, NFS_PROGRAM, 3, GETATTR).opaque(fh));
        status("GETATTR", r);
        r.position(r.position() + 20); // type, mode, nlink, uid, gid
        return r.getLong(); // size
    }

    /** SETATTR of the size alone (no guard). */
    public void setSize(byte[] fh, long size) throws IOException {
        Xdr c = msg.begin(++xid, NFS_PROGRAM, 3, SETATTR).opaque(fh);
        c.i32(0).i32(0).i32(0).i32(0); // mode, uid, gid: unset
        c.i32(1).i64(size); // size
        c.i32(0).i32(0); // atime, mtime: DONT_CHANGE
        c.i32(0); // guard: none
        status("SETATTR", call(c));
    }

    @Override
    public void write(byte[] fh, long offset, byte[] data) throws IOException {
        write(fh, offset, data, 0, data.length, FILE_SYNC);
    }

    /** WRITE of {@code data[from, from + length)} at {@code offset}; returns the count written. */
    public int write(byte[] fh, long offset, byte[] data, int from, int length, int stable) throws IOException {
        sendWrite(fh, offset, data, from, length, stable);
        return receiveWrite();
    }

    /** Sends a WRITE without waiting for its reply ({@link #receiveWrite} takes it). */
    public void sendWrite(byte[] fh, long offset, byte[] data, int from, int length, int stable) throws IOException {
        Xdr c = msg.begin(++xid, NFS_PROGRAM, 3, WRITE)
                .opaque(fh)
                .i64(offset)
                .i32(length)
                .i32(stable)
                .opaque(data, from, length);
        send(c);
    }

    /** The reply of the WRITE {@link #sendWrite} sent: the count written. */
    public int receiveWrite() throws IOException {
        ByteBuffer r = receive();
        int status = r.getInt();
        if (status != 0) {
            throw new IOException("WRITE: status " + status);
        }
        skipWcc(r);
        return r.getInt();
    }

    /** COMMIT of the whole file. */
    public void commit(byte[] fh) throws IOException {
        status(
                "COMMIT",
                call(msg.begin(++xid, NFS_PROGRAM, 3, COMMIT).opaque(fh).i64(0).i32(0)));
    }

    @Override
    public byte[] read(byte[] fh, long offset, int count) throws IOException {
        byte[] b = new byte[count];
        int n = read(fh, offset, count, b, 0);
        return n == count ? b : Arrays.copyOf(b, n);
    }

    /** READ into {@code dst[at, ...)}; returns the bytes read (0 at EOF). */
    public int read(byte[] fh, long offset, int count, byte[] dst, int at) throws IOException {
        sendRead(fh, offset, count);
        return receiveRead(dst, at);
    }

    /** Sends a READ without waiting for its reply ({@link #receiveRead} takes it). */
    public void sendRead(byte[] fh, long offset, int count) throws IOException {
        send(msg.begin(++xid, NFS_PROGRAM, 3, READ).opaque(fh).i64(offset).i32(count));
    }

    /** The reply of the READ {@link #sendRead} sent, copied into {@code dst[at, ...)}. */
    public int receiveRead(byte[] dst, int at) throws IOException {
        ByteBuffer r = receive();
        int status = r.getInt();
        if (status != 0) {
            throw new IOException("READ: status " + status);
        }
        skipPostOpAttr(r);
        r.getInt(); // count
        r.getInt(); // eof
        int n = r.getInt();
        if (dst != null) {
            r.get(dst, at, n);
        }
        return n;
    }

    /** Sends a REMOVE of {@code name} in {@code dir} ({@link #receiveStatus} takes the reply). */
    public void sendRemove(byte[] dir, String name) throws IOException {
        send(msg.begin(++xid, NFS_PROGRAM, 3, REMOVE).opaque(dir).string(name));
    }

    /** Sends a RENAME within {@code dir} ({@link #receiveStatus} takes the reply). */
    public void sendRename(byte[] dir, String from, String to) throws IOException {
        send(msg.begin(++xid, NFS_PROGRAM, 3, RENAME)
                .opaque(dir)
                .string(from)
                .opaque(dir)
                .string(to));
    }

    /** The nfsstat3 of the reply to the call last sent. */
    public int receiveStatus() throws IOException {
        return receive().getInt();
    }

    /** REMOVE of {@code name} in {@code dir}; true when it existed. */
    public boolean remove(byte[] dir, String name) throws IOException {
        sendRemove(dir, name);
        int s = receiveStatus();
        if (s != 0 && s != 2) { // NFS3ERR_NOENT: nothing to remove
            throw new IOException("REMOVE " + name + ": status " + s);
        }
        return s == 0;
    }

    private ByteBuffer call(Xdr c) throws IOException {
        send(c);
        return receive();
    }

    private void send(Xdr c) throws IOException {
        pendingXid = c.xid();
        c.writeTo(out);
    }

    private ByteBuffer receive() throws IOException {
        return readReply(in, pendingXid);
    }

    /** Reads one reply record and checks it is the accepted SUCCESS reply to {@code id}. */
    private ByteBuffer readReply(DataInputStream i, int id) throws IOException {
        int len = 0;
        boolean last = false;
        while (!last) {
            int mark = i.readInt();
            last = mark < 0;
            int frag = mark & 0x7FFFFFFF;
            if (len + frag > MAX_REPLY) {
                throw new IOException("reply too large");
            }
            if (len + frag > reply.length) {
                reply = Arrays.copyOf(reply, Math.max(len + frag, reply.length * 2));
            }
            i.readFully(reply, len, frag);
            len += frag;
        }
        ByteBuffer r = ByteBuffer.wrap(reply, 0, len);
        int gotXid = r.getInt();
        if (gotXid != id || r.getInt() != 1) {
            throw new IOException("unexpected reply (xid " + gotXid + ", expected " + id + ")");
        }
        if (r.getInt() != 0) {
            throw new IOException("RPC call denied");
        }
        r.getInt(); // verf flavor
        int verfLength = r.getInt();
        r.position(r.position() + ((verfLength + 3) & ~3));
        int accept = r.getInt();
        if (accept != 0) {
            throw new IOException("RPC accept_stat " + accept);
        }
        return r;
    }

    private static void status(String what, ByteBuffer r) throws IOException {
        int s = r.getInt();
        if (s != 0) {
            throw new IOException(what + ": status " + s);
        }
    }

    private static void skipPostOpAttr(ByteBuffer r) {
        if (r.getInt() == 1) {
            r.position(r.position() + FATTR3);
        }
    }

    private static void skipWcc(ByteBuffer r) {
        if (r.getInt() == 1) {
            r.position(r.position() + 24); // wcc_attr
        }
        skipPostOpAttr(r);
    }

    private static byte[] opaque(ByteBuffer r) {
        int n = r.getInt();
        byte[] b = new byte[n];
        r.get(b);
        r.position(r.position() + ((4 - (n & 3)) & 3));
        return b;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * One call message being encoded (RFC 4506 XDR), the record mark in front: a reused array, so
     * that a call costs one socket write and no garbage.
     */
    private static final class Xdr {
        private byte[] b;
        private int n;
        private int xid;

        Xdr(int capacity) {
            b = new byte[capacity];
        }

        /** Starts a call: record mark (patched at the end), header, AUTH_SYS root, AUTH_NONE verifier. */
        Xdr begin(int id, int prog, int vers, int proc) {
            n = 4;
            xid = id;
            i32(id).i32(0).i32(2).i32(prog).i32(vers).i32(proc); // xid, CALL, rpcvers 2, prog, vers, proc
            i32(1).i32(0); // cred: AUTH_SYS, its length patched below
            int body = n;
            i32(0).string("bench").i32(0).i32(0).i32(0); // stamp, machinename, uid 0, gid 0, no gids
            putI32(body - 4, n - body);
            return i32(0).i32(0); // verf: AUTH_NONE
        }

        int xid() {
            return xid;
        }

        private void putI32(int at, int v) {
            b[at] = (byte) (v >>> 24);
            b[at + 1] = (byte) (v >>> 16);
            b[at + 2] = (byte) (v >>> 8);
            b[at + 3] = (byte) v;
        }

        private void ensure(int more) {
            if (n + more > b.length) {
                b = Arrays.copyOf(b, Math.max(n + more, b.length * 2));
            }
        }

        Xdr i32(int v) {
            ensure(4);
            b[n] = (byte) (v >>> 24);
            b[n + 1] = (byte) (v >>> 16);
            b[n + 2] = (byte) (v >>> 8);
            b[n + 3] = (byte) v;
            n += 4;
            return this;
        }

        Xdr i64(long v) {
            return i32((int) (v >>> 32)).i32((int) v);
        }

        Xdr opaque(byte[] data) {
            return opaque(data, 0, data.length);
        }

        Xdr opaque(byte[] data, int from, int length) {
            i32(length);
            int padded = (length + 3) & ~3;
            ensure(padded);
            System.arraycopy(data, from, b, n, length);
            Arrays.fill(b, n + length, n + padded, (byte) 0);
            n += padded;
            return this;
        }

        Xdr string(String s) {
            return opaque(s.getBytes(StandardCharsets.UTF_8));
        }

        void writeTo(OutputStream o) throws IOException {
            int len = n - 4;
            b[0] = (byte) (0x80 | (len >>> 24));
            b[1] = (byte) (len >>> 16);
            b[2] = (byte) (len >>> 8);
            b[3] = (byte) len;
            o.write(b, 0, n);
            o.flush();
        }
    }
}
