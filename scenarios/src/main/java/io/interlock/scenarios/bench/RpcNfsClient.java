package io.interlock.scenarios.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A minimal NFSv3 client (RFC 1813) over ONC RPC on TCP (RFC 5531, record marking) with explicit
 * NFS and MOUNT ports and AUTH_SYS root: MNT, LOOKUP, CREATE, WRITE, READ. One call at a time per
 * client; the load run gives every simulated client its own.
 */
public final class RpcNfsClient implements BenchNfsClient {
    private static final int NFS = 100003;
    private static final int MOUNT = 100005;
    private static final int MAX_REPLY = 4 << 20;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final byte[] root;
    private int xid = (int) System.nanoTime();

    /** Mounts {@code export} through {@code mount}, then talks NFSv3 to {@code nfs}. */
    public RpcNfsClient(InetSocketAddress nfs, InetSocketAddress mount, String export) throws IOException {
        try (Socket m = new Socket(mount.getAddress(), mount.getPort())) {
            m.setSoTimeout(30_000);
            Xdr args = new Xdr().string(export);
            ByteBuffer r = call(
                    new DataOutputStream(m.getOutputStream()),
                    new DataInputStream(m.getInputStream()),
                    MOUNT,
                    3,
                    1,
                    args);
            int status = r.getInt();
            if (status != 0) {
                throw new IOException("MNT " + export + ": status " + status);
            }
            root = opaque(r);
        }
        socket = new Socket(nfs.getAddress(), nfs.getPort());
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    @Override
    public byte[] open(String name) throws IOException {
        Xdr c = new Xdr().opaque(root).string(name).i32(0); // UNCHECKED
        c.i32(1).i32(0644).i32(0).i32(0).i32(0).i32(0).i32(0); // sattr3: mode only
        ByteBuffer r = nfs(8, c);
        int status = r.getInt();
        if (status == 0 && r.getInt() == 1) {
            return opaque(r);
        }
        if (status != 0 && status != 17) { // NFS3ERR_EXIST: look it up
            throw new IOException("CREATE " + name + ": status " + status);
        }
        ByteBuffer l = nfs(3, new Xdr().opaque(root).string(name));
        int ls = l.getInt();
        if (ls != 0) {
            throw new IOException("LOOKUP " + name + ": status " + ls);
        }
        return opaque(l);
    }

    @Override
    public void write(byte[] fh, long offset, byte[] data) throws IOException {
        ByteBuffer r =
                nfs(7, new Xdr().opaque(fh).i64(offset).i32(data.length).i32(2).opaque(data));
        int status = r.getInt();
        if (status != 0) {
            throw new IOException("WRITE: status " + status);
        }
    }

    @Override
    public byte[] read(byte[] fh, long offset, int count) throws IOException {
        ByteBuffer r = nfs(6, new Xdr().opaque(fh).i64(offset).i32(count));
        int status = r.getInt();
        if (status != 0) {
            throw new IOException("READ: status " + status);
        }
        if (r.getInt() == 1) {
            r.position(r.position() + 84); // fattr3
        }
        r.getInt(); // count
        r.getInt(); // eof
        return opaque(r);
    }

    private ByteBuffer nfs(int proc, Xdr args) throws IOException {
        return call(out, in, NFS, 3, proc, args);
    }

    private ByteBuffer call(DataOutputStream o, DataInputStream i, int prog, int vers, int proc, Xdr args)
            throws IOException {
        int id = ++xid;
        Xdr msg = new Xdr().i32(id).i32(0).i32(2).i32(prog).i32(vers).i32(proc);
        Xdr cred = new Xdr().i32(0).string("bench").i32(0).i32(0).i32(0); // AUTH_SYS root
        msg.i32(1).opaque(cred.bytes()).i32(0).i32(0); // cred, verf AUTH_NONE
        byte[] head = msg.bytes();
        byte[] body = args.bytes();
        o.writeInt(0x80000000 | (head.length + body.length));
        o.write(head);
        o.write(body);
        o.flush();
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        boolean last = false;
        while (!last) {
            int mark = i.readInt();
            last = mark < 0;
            int len = mark & 0x7FFFFFFF;
            if (rec.size() + len > MAX_REPLY) {
                throw new IOException("reply too large");
            }
            byte[] frag = new byte[len];
            i.readFully(frag);
            rec.write(frag);
        }
        ByteBuffer r = ByteBuffer.wrap(rec.toByteArray());
        if (r.getInt() != id || r.getInt() != 1) {
            throw new IOException("unexpected reply");
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

    /** XDR (RFC 4506) encoding of the few types the calls need. */
    private static final class Xdr {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        Xdr i32(int v) {
            b.write(v >>> 24);
            b.write(v >>> 16);
            b.write(v >>> 8);
            b.write(v);
            return this;
        }

        Xdr i64(long v) {
            return i32((int) (v >>> 32)).i32((int) v);
        }

        Xdr opaque(byte[] data) {
            i32(data.length);
            b.write(data, 0, data.length);
            for (int p = data.length; (p & 3) != 0; p++) {
                b.write(0);
            }
            return this;
        }

        Xdr string(String s) {
            return opaque(s.getBytes(StandardCharsets.UTF_8));
        }

        byte[] bytes() {
            return b.toByteArray();
        }
    }
}
