package io.interlock.suite.smb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The srvsvc named pipe on IPC$ ([MS-SRVS]) as the share-list suite uses it: CREATE of {@code
 * srvsvc}, a DCE/RPC bind ([C706] 12.6, connection-oriented PDUs, NDR little-endian), and
 * NetrShareEnum (opnum 15, level 1) through FSCTL_PIPE_TRANSCEIVE. The reply's NDR strings are
 * checked as it decodes them: conformant varying UTF-16 with counts in code units including the NUL
 * (R-CACHE-6).
 */
public final class SrvsvcPipe implements AutoCloseable {
    /** srvsvc interface 4b324fc8-1670-01d3-1278-5a47bf6ee188 v3.0. */
    private static final byte[] SRVSVC = uuid(
            0x4b324fc8, 0x1670, 0x01d3, new byte[] {0x12, 0x78, 0x5a, 0x47, (byte) 0xbf, 0x6e, (byte) 0xe1, (byte) 0x88
            });
    /** NDR transfer syntax 8a885d04-1ceb-11c9-9fe8-08002b104860 v2. */
    private static final byte[] NDR =
            uuid(0x8a885d04, 0x1ceb, 0x11c9, new byte[] {(byte) 0x9f, (byte) 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60});

    private static final int BIND = 11;
    private static final int BIND_ACK = 12;
    private static final int REQUEST = 0;
    private static final int RESPONSE = 2;
    public static final int STYPE_DISKTREE = 0;

    /** One SHARE_INFO_1 ([MS-SRVS] 2.2.4.23). */
    public record ShareInfo(String name, int type, String remark) {}

    private final Smb2Client ipc;
    private final Smb2FileId pipe;
    private int callId = 1;

    private SrvsvcPipe(Smb2Client ipc, Smb2FileId pipe) {
        this.ipc = ipc;
        this.pipe = pipe;
    }

    /** Opens {@code srvsvc} on an IPC$ connection and binds the interface. */
    public static SrvsvcPipe open(Smb2Client ipc) throws IOException {
        Smb2Open o = ipc.create(new Smb2Create(
                "srvsvc",
                Smb2Create.OPLOCK_NONE,
                0x0012019F,
                0,
                Smb2Create.SHARE_READ | Smb2Create.SHARE_WRITE,
                Smb2Create.OPEN,
                0,
                null,
                0,
                List.of()));
        SrvsvcPipe p = new SrvsvcPipe(ipc, o.fileId());
        p.bind();
        return p;
    }

    private void bind() throws IOException {
        ByteBuffer b = le(72);
        header(b, BIND, 72);
        b.putShort((short) 4280); // max_xmit_frag
        b.putShort((short) 4280); // max_recv_frag
        b.putInt(0); // assoc_group_id
        b.put((byte) 1).put((byte) 0).putShort((short) 0); // n_context_elem, reserved, reserved2
        b.putShort((short) 0).put((byte) 1).put((byte) 0); // p_cont_id, n_transfer_syn, reserved
        b.put(SRVSVC).putShort((short) 3).putShort((short) 0); // abstract_syntax, version 3.0
        b.put(NDR).putInt(2); // transfer_syntax, version 2
        ByteBuffer r = le(ipc.pipeTransceive(pipe, b.array()));
        if (r.get(2) != BIND_ACK) {
            throw new IOException("srvsvc bind answered PTYPE " + r.get(2));
        }
    }

    /** NetrShareEnum level 1 ([MS-SRVS] 3.1.4.8): every share the pipe's server lists. */
    public List<ShareInfo> enumerate() throws IOException {
        ByteBuffer stub = le(128);
        stub.putInt(0x00020000); // ServerName: unique pointer referent
        String server = "\\\\server";
        putString(stub, server);
        stub.putInt(1); // InfoStruct.Level
        stub.putInt(1); // InfoStruct.ShareInfo switch (level 1)
        stub.putInt(0x00020004); // pointer to SHARE_INFO_1_CONTAINER
        stub.putInt(0); // EntriesRead
        stub.putInt(0); // Buffer: null
        stub.putInt(0xFFFFFFFF); // PreferedMaximumLength
        stub.putInt(0x00020008); // ResumeHandle: unique pointer
        stub.putInt(0); // *ResumeHandle
        int stubLen = stub.position();
        ByteBuffer b = le(24 + stubLen);
        header(b, REQUEST, 24 + stubLen);
        b.putInt(stubLen); // alloc_hint
        b.putShort((short) 0); // p_cont_id
        b.putShort((short) 15); // opnum: NetrShareEnum
        b.put(stub.array(), 0, stubLen);
        ByteBuffer r = le(ipc.pipeTransceive(pipe, b.array()));
        if (r.get(2) != RESPONSE) {
            throw new IOException("NetrShareEnum answered PTYPE " + r.get(2) + " (a fault?)");
        }
        r.position(24);
        return decode(r.slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    private static List<ShareInfo> decode(ByteBuffer s) throws IOException {
        int level = s.getInt(); // Level
        s.getInt(); // switch
        if (level != 1) {
            throw new IOException("NetrShareEnum answered level " + level);
        }
        if (s.getInt() == 0) { // container pointer
            return List.of();
        }
        int entries = s.getInt(); // EntriesRead
        if (s.getInt() == 0) { // Buffer pointer
            return List.of();
        }
        int max = s.getInt(); // conformant array max_count
        if (max != entries) {
            throw new IOException("share array max_count " + max + " != EntriesRead " + entries);
        }
        int[] types = new int[entries];
        boolean[] hasName = new boolean[entries];
        boolean[] hasRemark = new boolean[entries];
        for (int i = 0; i < entries; i++) {
            hasName[i] = s.getInt() != 0; // shi1_netname pointer
            types[i] = s.getInt(); // shi1_type
            hasRemark[i] = s.getInt() != 0; // shi1_remark pointer
        }
        List<ShareInfo> out = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            String name = hasName[i] ? getString(s) : null;
            String remark = hasRemark[i] ? getString(s) : null;
            out.add(new ShareInfo(name, types[i], remark));
        }
        return out;
    }

    /** A conformant varying NDR string, its counts checked (UTF-16 units, NUL included). */
    private static String getString(ByteBuffer s) throws IOException {
        int max = s.getInt(); // max_count
        int offset = s.getInt(); // offset
        int actual = s.getInt(); // actual_count
        if (offset != 0 || actual > max || actual < 1) {
            throw new IOException(
                    "malformed NDR string counts: max " + max + " offset " + offset + " actual " + actual);
        }
        byte[] units = new byte[actual * 2];
        s.get(units);
        if (units[units.length - 1] != 0 || units[units.length - 2] != 0) {
            throw new IOException(
                    "NDR string without its NUL within actual_count " + actual + " (counts not in UTF-16 units?)");
        }
        while (s.position() % 4 != 0) {
            s.get();
        }
        return new String(units, 0, units.length - 2, StandardCharsets.UTF_16LE);
    }

    private static void putString(ByteBuffer b, String v) {
        byte[] u = (v + "\0").getBytes(StandardCharsets.UTF_16LE);
        int n = u.length / 2;
        b.putInt(n).putInt(0).putInt(n).put(u);
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
    }

    private void header(ByteBuffer b, int type, int fragLength) {
        b.put((byte) 5).put((byte) 0); // rpc_vers, rpc_vers_minor
        b.put((byte) type); // PTYPE
        b.put((byte) 0x03); // pfc_flags: first | last fragment
        b.put(new byte[] {0x10, 0, 0, 0}); // packed_drep: little-endian, ASCII, IEEE
        b.putShort((short) fragLength); // frag_length
        b.putShort((short) 0); // auth_length
        b.putInt(callId++); // call_id
    }

    private static byte[] uuid(int d1, int d2, int d3, byte[] d4) {
        ByteBuffer b = le(16);
        b.putInt(d1).putShort((short) d2).putShort((short) d3).put(d4);
        return b.array();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() throws IOException {
        ipc.close(pipe);
    }
}
