package io.interlock.scenarios.proxy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Writes what passed a {@link WireProxy} as a classic libpcap file (LINKTYPE_ETHERNET) of
 * Ethernet / IPv4 / TCP packets, so that Wireshark and tshark dissect it like a capture: every
 * delivered frame, in delivery order, as the receiver got it; dropped frames are simply absent.
 *
 * <p>Each connection becomes one TCP conversation with synthetic but consistent endpoints: client
 * 10.1.x.y (x.y from the connection id) on port 32768 + id, server 10.0.0.1; a SYN / SYN-ACK / ACK
 * handshake (with window scaling, so large frames never "fill the window"), correct sequence and
 * acknowledgment numbers, IPv4 and TCP checksums, segments of at most 65495 bytes, and a FIN
 * exchange when the connection closes. The handshake is written just before the connection's
 * first delivered frame, so the server port can depend on it:
 *
 * <ul>
 *   <li>SMB2 routes: port 445, which Wireshark dissects as NetBIOS session service + SMB2;
 *   <li>ONC RPC routes whose first frame is an NFS call (program 100003): port 2049, dissected as
 *       RPC + NFS;
 *   <li>other ONC RPC routes (NLM, MOUNT, NSM, ...): the real upstream port. Wireshark needs a
 *       hint for those: {@code tshark -r file.pcap -d tcp.port==PORT,rpc}; {@link #decodeAs()}
 *       lists exactly these options for the file written.
 * </ul>
 *
 * <p>Attach it with {@link WireProxy#addListener} before clients connect; close it after the
 * proxy. Thread-safe. An I/O error stops the writing; {@link #close()} rethrows it.
 */
public final class PcapWriter implements FrameListener, AutoCloseable {
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int SMB_PORT = 445;
    public static final int NFS_PORT = 2049;
    static final int NFS_PROGRAM = 100003;
    static final int SNAPLEN = 262144;
    /** IPv4 total length is 16 bits: 65535 - 20 (IP) - 20 (TCP). */
    static final int MAX_SEGMENT = 65495;

    static final int SERVER_IP = 0x0A000001;
    private static final int CLIENT_NET = 0x0A010000;
    private static final int WINDOW_SHIFT = 14;
    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;
    private static final int ETH = 14;
    private static final int IP = 20;
    private static final int TCP = 20;

    /** One TCP conversation. Sequence numbers are the next to send, per side. */
    private static final class Flow {
        final int clientIp;
        final int clientPort;
        final int serverPort;
        int clientSeq;
        int serverSeq;

        Flow(int clientIp, int clientPort, int serverPort, int clientIsn, int serverIsn) {
            this.clientIp = clientIp;
            this.clientPort = clientPort;
            this.serverPort = serverPort;
            this.clientSeq = clientIsn;
            this.serverSeq = serverIsn;
        }
    }

    private final OutputStream out;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final long startEpochMicros;
    private final Map<Integer, Flow> flows = new HashMap<>();
    private final TreeSet<Integer> rpcHintPorts = new TreeSet<>();
    private long lastMicros;
    private int ipId;
    private IOException failure;
    private boolean closed;

    /** Writes to {@code out} (buffered here), timestamps from the system clocks. */
    public PcapWriter(OutputStream out) throws IOException {
        this(out, System::nanoTime, System.currentTimeMillis() * 1000);
    }

    /**
     * @param nanoClock a monotonic clock for packet times
     * @param startEpochMicros the wall time, in microseconds since the epoch, of the first reading
     */
    public PcapWriter(OutputStream out, LongSupplier nanoClock, long startEpochMicros) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.startEpochMicros = startEpochMicros;
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xA1B2C3D4); // magic_number (4 bytes): microsecond timestamps, our byte order
        h.putShort((short) 2); // version_major (2 bytes)
        h.putShort((short) 4); // version_minor (2 bytes)
        h.putInt(0); // thiszone (4 bytes)
        h.putInt(0); // sigfigs (4 bytes)
        h.putInt(SNAPLEN); // snaplen (4 bytes)
        h.putInt(LINKTYPE_ETHERNET); // network (4 bytes)
        this.out.write(h.array());
    }

    /** A new file at {@code path} (replaced if present). */
    public static PcapWriter create(Path path) throws IOException {
        return new PcapWriter(Files.newOutputStream(path));
    }

    /**
     * The tshark options that make it dissect the RPC conversations on ports it does not know as
     * RPC, e.g. {@code ["-d", "tcp.port==40123,rpc"]}; empty when every RPC conversation is NFS.
     */
    public synchronized List<String> decodeAs() {
        List<String> args = new ArrayList<>();
        for (int port : rpcHintPorts) {
            args.add("-d");
            args.add("tcp.port==" + port + ",rpc");
        }
        return args;
    }

    @Override
    public void delivered(Frame frame) {
        Connection c = frame.connection();
        delivered(
                c.id(), c.protocol(), c.upstreamAddress().getPort(), frame.direction(), frame.wire(), frame.summary());
    }

    /** A delivered frame of connection {@code id}, whose upstream server listens on {@code port}. */
    synchronized void delivered(
            int id, WireProtocol protocol, int upstreamPort, Direction direction, byte[] data, FrameSummary summary) {
        if (closed || failure != null) {
            return;
        }
        try {
            Flow f = flows.get(id);
            if (f == null) {
                f = handshake(id, serverPort(protocol, upstreamPort, summary));
                flows.put(id, f);
            }
            boolean fromClient = direction == Direction.TO_SERVER;
            for (int off = 0; off < data.length; off += MAX_SEGMENT) {
                int n = Math.min(MAX_SEGMENT, data.length - off);
                segment(f, fromClient, PSH | ACK, data, off, n, false);
                if (fromClient) {
                    f.clientSeq += n;
                } else {
                    f.serverSeq += n;
                }
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public void closed(Connection connection) {
        closed(connection.id());
    }

    /** Connection {@code id} closed: a FIN exchange, if it carried any frame. */
    synchronized void closed(int id) {
        Flow f = flows.remove(id);
        if (f == null || closed || failure != null) {
            return;
        }
        try {
            segment(f, true, FIN | ACK, null, 0, 0, false);
            f.clientSeq++;
            segment(f, false, FIN | ACK, null, 0, 0, false);
            f.serverSeq++;
            segment(f, true, ACK, null, 0, 0, false);
        } catch (IOException e) {
            failure = e;
        }
    }

    private Flow handshake(int id, int port) throws IOException {
        int clientIsn = id * 0x9E3779B1;
        Flow f = new Flow(CLIENT_NET + (id & 0xFFFF), 32768 + (id % 28000), port, clientIsn, ~clientIsn);
        segment(f, true, SYN, null, 0, 0, true);
        f.clientSeq++;
        segment(f, false, SYN | ACK, null, 0, 0, true);
        f.serverSeq++;
        segment(f, true, ACK, null, 0, 0, false);
        return f;
    }

    private int serverPort(WireProtocol protocol, int real, FrameSummary first) {
        if (protocol == WireProtocol.SMB2) {
            return SMB_PORT;
        }
        boolean nfs = real == NFS_PORT || (first instanceof RpcCall call && call.program() == NFS_PROGRAM);
        if (nfs) {
            return NFS_PORT;
        }
        rpcHintPorts.add(real);
        return real;
    }

    /** One Ethernet/IPv4/TCP packet with {@code data[off, off+n)} as payload. */
    private void segment(Flow f, boolean fromClient, int flags, byte[] data, int off, int n, boolean synOptions)
            throws IOException {
        int tcpLen = TCP + (synOptions ? 8 : 0);
        int ipLen = IP + tcpLen + n;
        ByteBuffer h = ByteBuffer.allocate(ETH + IP + tcpLen).order(ByteOrder.BIG_ENDIAN);
        int srcIp = fromClient ? f.clientIp : SERVER_IP;
        int dstIp = fromClient ? SERVER_IP : f.clientIp;
        // Ethernet II: destination MAC (6), source MAC (6), EtherType (2)
        putMac(h, dstIp);
        putMac(h, srcIp);
        h.putShort((short) 0x0800);
        // IPv4 (RFC 791)
        int ip = h.position();
        h.put((byte) 0x45); // Version 4, IHL 5 (1 byte)
        h.put((byte) 0); // DSCP/ECN (1 byte)
        h.putShort((short) ipLen); // Total Length (2 bytes)
        h.putShort((short) ++ipId); // Identification (2 bytes)
        h.putShort((short) 0x4000); // Flags: DF, Fragment Offset 0 (2 bytes)
        h.put((byte) 64); // TTL (1 byte)
        h.put((byte) 6); // Protocol: TCP (1 byte)
        h.putShort((short) 0); // Header Checksum (2 bytes), below
        h.putInt(srcIp); // Source Address (4 bytes)
        h.putInt(dstIp); // Destination Address (4 bytes)
        h.putShort(ip + 10, (short) checksum(0, h.array(), ip, IP));
        // TCP (RFC 9293)
        int tcp = h.position();
        h.putShort((short) (fromClient ? f.clientPort : f.serverPort)); // Source Port (2 bytes)
        h.putShort((short) (fromClient ? f.serverPort : f.clientPort)); // Destination Port (2 bytes)
        h.putInt(fromClient ? f.clientSeq : f.serverSeq); // Sequence Number (4 bytes)
        boolean ack = (flags & ACK) != 0;
        h.putInt(ack ? (fromClient ? f.serverSeq : f.clientSeq) : 0); // Acknowledgment Number (4 bytes)
        h.put((byte) ((tcpLen / 4) << 4)); // Data Offset (4 bits), Reserved (4 bits)
        h.put((byte) flags); // Flags (1 byte)
        // Window (2 bytes): unscaled in a SYN (RFC 7323), else scaled by 2^14 (1 GiB)
        h.putShort((short) 0xFFFF);
        h.putShort((short) 0); // Checksum (2 bytes), below
        h.putShort((short) 0); // Urgent Pointer (2 bytes)
        if (synOptions) {
            h.put((byte) 2).put((byte) 4).putShort((short) MAX_SEGMENT); // MSS (4 bytes)
            h.put((byte) 1); // NOP (1 byte)
            h.put((byte) 3).put((byte) 3).put((byte) WINDOW_SHIFT); // Window Scale (3 bytes)
        }
        long sum = pseudoHeader(srcIp, dstIp, tcpLen + n);
        sum = sum(sum, h.array(), tcp, tcpLen);
        if (n > 0) {
            sum = sum(sum, data, off, n);
        }
        h.putShort(tcp + 16, (short) fold(sum));
        record(h.array(), data, off, n);
    }

    private static void putMac(ByteBuffer h, int ip) {
        h.put((byte) 0x02).put((byte) 0x00).putInt(ip); // locally administered, from the IP
    }

    private void record(byte[] headers, byte[] data, int off, int n) throws IOException {
        long micros = startEpochMicros + (nanoClock.getAsLong() - startNanos) / 1000;
        if (micros < lastMicros) {
            micros = lastMicros;
        }
        lastMicros = micros;
        int len = headers.length + n;
        ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        r.putInt((int) (micros / 1_000_000)); // ts_sec (4 bytes)
        r.putInt((int) (micros % 1_000_000)); // ts_usec (4 bytes)
        r.putInt(len); // incl_len (4 bytes): never above SNAPLEN (65535 + 14)
        r.putInt(len); // orig_len (4 bytes)
        out.write(r.array());
        out.write(headers);
        if (n > 0) {
            out.write(data, off, n);
        }
    }

    static long pseudoHeader(int src, int dst, int tcpLength) {
        long s = 0;
        s += src >>> 16;
        s += src & 0xFFFF;
        s += dst >>> 16;
        s += dst & 0xFFFF;
        s += 6; // zero (1 byte) + protocol (1 byte)
        s += tcpLength;
        return s;
    }

    /** Adds {@code b[off, off+len)} as big-endian 16-bit words (RFC 1071). */
    static long sum(long acc, byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            acc += (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
        }
        if (i < end) {
            acc += (b[i] & 0xFF) << 8;
        }
        return acc;
    }

    static int fold(long acc) {
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xFFFF) + (acc >>> 16);
        }
        return (int) (~acc & 0xFFFF);
    }

    static int checksum(long acc, byte[] b, int off, int len) {
        return fold(sum(acc, b, off, len));
    }

    /** Flushes and closes the file; rethrows the first write error, if any. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new IOException("pcap writing failed", failure);
        }
    }

    /** Flushes what was written so far (e.g. before reading the file while the proxy runs). */
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
