package io.interlock.server.smb2;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.smbj.share.NamedPipe;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-side DCE/RPC + srvsvc client over an smbj {@link NamedPipe}, written independently of the
 * server's encoder: builds BIND and REQUEST PDUs by hand and decodes the NDR answers.
 */
final class SrvsvcClient {
    static final byte[] SRVSVC = syntax(
            new byte[] {(byte) 0xc8, 0x4f, 0x32, 0x4b, 0x70, 0x16, (byte) 0xd3, 0x01},
            new byte[] {0x12, 0x78, 0x5a, 0x47, (byte) 0xbf, 0x6e, (byte) 0xe1, (byte) 0x88},
            3);
    static final byte[] NDR = syntax(
            new byte[] {0x04, 0x5d, (byte) 0x88, (byte) 0x8a, (byte) 0xeb, 0x1c, (byte) 0xc9, 0x11},
            new byte[] {(byte) 0x9f, (byte) 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60},
            2);

    private final NamedPipe pipe;
    private int callId = 1;

    SrvsvcClient(NamedPipe pipe) {
        this.pipe = pipe;
    }

    private static byte[] syntax(byte[] first8, byte[] last8, int version) {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        b.put(first8).put(last8).putInt(version);
        return b.array();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void header(ByteBuffer b, int type, int len, int callId) {
        b.put((byte) 5).put((byte) 0).put((byte) type).put((byte) 3);
        b.put(new byte[] {0x10, 0, 0, 0});
        b.putShort((short) len).putShort((short) 0).putInt(callId);
    }

    /** BIND with one context (srvsvc, NDR); returns the BIND_ACK. */
    byte[] bind(byte[] abstractSyntax) {
        ByteBuffer b = le(72);
        header(b, 11, 72, callId++);
        b.putShort((short) 4280).putShort((short) 4280).putInt(0);
        b.put((byte) 1).put(new byte[3]);
        b.putShort((short) 0).put((byte) 1).put((byte) 0);
        b.put(abstractSyntax).put(NDR);
        return pipe.transact(b.array());
    }

    /** Binds to srvsvc and checks the acceptance. */
    void bindSrvsvc() {
        byte[] ack = bind(SRVSVC);
        assertThat(ack[2]).as("PTYPE bind_ack").isEqualTo((byte) 12);
        ByteBuffer b = ByteBuffer.wrap(ack).order(ByteOrder.LITTLE_ENDIAN);
        int secLen = b.getShort(24);
        int results = (26 + secLen + 3) & ~3;
        assertThat(ack[results]).as("n_results").isEqualTo((byte) 1);
        assertThat(b.getShort(results + 4)).as("result acceptance").isZero();
        byte[] ts = new byte[20];
        System.arraycopy(ack, results + 8, ts, 0, 20);
        assertThat(ts).as("NDR transfer syntax").isEqualTo(NDR);
    }

    /** A REQUEST; returns the reassembled answer (the PTYPE of its first PDU and the stub). */
    Answer call(int opnum, byte[] stub) {
        int len = 24 + stub.length;
        ByteBuffer b = le(len);
        header(b, 0, len, callId++);
        b.putInt(stub.length).putShort((short) 0).putShort((short) opnum).put(stub);
        byte[] pdu = pipe.transact(b.array());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int type = pdu[2];
        while (true) {
            ByteBuffer r = ByteBuffer.wrap(pdu).order(ByteOrder.LITTLE_ENDIAN);
            int fragLen = r.getShort(8) & 0xFFFF;
            assertThat(fragLen).as("frag_length").isEqualTo(pdu.length);
            if (type == 3) {
                return new Answer(type, r.getInt(24), null);
            }
            all.write(pdu, 24, pdu.length - 24);
            if ((pdu[3] & 2) != 0) {
                break;
            }
            byte[] buf = new byte[8192];
            int n = pipe.read(buf);
            pdu = java.util.Arrays.copyOf(buf, n);
        }
        return new Answer(type, 0, all.toByteArray());
    }

    /** PTYPE of the answer, the fault status for a FAULT, else the response stub. */
    record Answer(int type, int faultStatus, byte[] stub) {}

    static void string(ByteBuffer b, String s) {
        align(b);
        int n = s.length() + 1;
        b.putInt(n).putInt(0).putInt(n);
        b.put((s + "\0").getBytes(StandardCharsets.UTF_16LE));
    }

    static void align(ByteBuffer b) {
        while (b.position() % 4 != 0) {
            b.put((byte) 0);
        }
    }

    /** NetShareEnumAll at a level; the shares as decoded from the answer. */
    List<Share> enumAll(int level) {
        ByteBuffer b = le(512);
        b.putInt(0x00020000);
        string(b, "\\\\127.0.0.1");
        align(b);
        b.putInt(level).putInt(level).putInt(0x00020004).putInt(0).putInt(0); // ctr: count 0, null array
        b.putInt(-1); // max buffer
        b.putInt(0x00020008).putInt(0); // resume handle
        Answer a = call(15, java.util.Arrays.copyOf(b.array(), b.position()));
        assertThat(a.type()).as("response PTYPE (fault 0x%x)", a.faultStatus()).isEqualTo(2);
        return decodeEnum(a.stub(), level);
    }

    /** One decoded share: name, and for levels above 0 type and comment; path for 2/502. */
    record Share(String name, int type, String comment, String path) {}

    static List<Share> decodeEnum(byte[] stub, int level) {
        Reader r = new Reader(stub);
        assertThat(r.u32()).as("level").isEqualTo(level);
        assertThat(r.u32()).as("switch").isEqualTo(level);
        assertThat(r.u32()).as("ctr pointer").isNotZero();
        int count = r.u32();
        int arrayPtr = r.u32();
        List<int[]> fixed = new ArrayList<>();
        if (count > 0) {
            assertThat(arrayPtr).isNotZero();
            assertThat(r.u32()).as("array max_count").isEqualTo(count);
            for (int i = 0; i < count; i++) {
                fixed.add(r.fixed(level));
            }
        }
        List<Share> out = new ArrayList<>();
        for (int[] f : fixed) {
            out.add(r.deferred(level, f));
        }
        assertThat(r.u32()).as("total entries").isEqualTo(count);
        assertThat(r.u32()).as("resume pointer").isNotZero();
        r.u32();
        assertThat(r.u32()).as("WERROR").isZero();
        assertThat(r.remaining()).isZero();
        return out;
    }

    /** NetShareGetInfo; the share, or null with the WERROR when it failed. */
    Object getInfo(String name, int level) {
        ByteBuffer b = le(512);
        b.putInt(0); // null server name
        string(b, name);
        align(b);
        b.putInt(level);
        Answer a = call(16, java.util.Arrays.copyOf(b.array(), b.position()));
        assertThat(a.type()).isEqualTo(2);
        Reader r = new Reader(a.stub());
        assertThat(r.u32()).isEqualTo(level);
        if (r.u32() == 0) {
            return r.u32(); // WERROR
        }
        int[] f = r.fixed(level);
        Share s = r.deferred(level, f);
        assertThat(r.u32()).as("WERROR").isZero();
        assertThat(r.remaining()).isZero();
        return s;
    }

    /** Little-endian NDR reader for the test's decoding. */
    static final class Reader {
        final ByteBuffer b;

        Reader(byte[] stub) {
            b = ByteBuffer.wrap(stub).order(ByteOrder.LITTLE_ENDIAN);
        }

        int u32() {
            while (b.position() % 4 != 0) {
                b.get();
            }
            return b.getInt();
        }

        int remaining() {
            return b.remaining();
        }

        /** The fixed part: {namePtr, type, commentPtr, pathPtr}. */
        int[] fixed(int level) {
            int name = u32();
            if (level == 0) {
                return new int[] {name, 0, 0, 0};
            }
            int type = u32();
            int comment = u32();
            int path = 0;
            if (level == 501) {
                u32();
            } else if (level == 2 || level == 502) {
                u32();
                u32();
                u32();
                path = u32();
                assertThat(u32()).as("password pointer").isZero();
                if (level == 502) {
                    u32();
                    assertThat(u32()).as("sd pointer").isZero();
                }
            }
            return new int[] {name, type, comment, path};
        }

        Share deferred(int level, int[] f) {
            String name = str();
            String comment = level == 0 || f[2] == 0 ? null : str();
            String path = f[3] == 0 ? null : str();
            return new Share(name, f[1], comment, path);
        }

        /** A conformant varying string; checks counts are UTF-16 units with the NUL. */
        String str() {
            int max = u32();
            assertThat(u32()).as("offset").isZero();
            int actual = u32();
            assertThat(actual).as("actual == max").isEqualTo(max);
            byte[] chars = new byte[actual * 2];
            b.get(chars);
            String s = new String(chars, StandardCharsets.UTF_16LE);
            assertThat(s).as("NUL-terminated, counted in UTF-16 units").endsWith("\0");
            return s.substring(0, s.length() - 1);
        }
    }
}
