package io.interlock.scenarios.proxy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A minimal reader of the pcap files {@link PcapWriter} writes, for checking them in tests. */
final class PcapPackets {
    private PcapPackets() {}

    /** One Ethernet/IPv4/TCP packet. */
    record Packet(
            long micros,
            int srcIp,
            int dstIp,
            int srcPort,
            int dstPort,
            int seq,
            int ack,
            int flags,
            byte[] payload,
            boolean ipChecksumOk,
            boolean tcpChecksumOk) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    static List<Packet> read(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != 0xA1B2C3D4 || b.getShort() != 2 || b.getShort() != 4) {
            throw new IllegalArgumentException("not a pcap 2.4 file");
        }
        b.getInt(); // thiszone
        b.getInt(); // sigfigs
        b.getInt(); // snaplen
        if (b.getInt() != PcapWriter.LINKTYPE_ETHERNET) {
            throw new IllegalArgumentException("not Ethernet");
        }
        List<Packet> out = new ArrayList<>();
        while (b.hasRemaining()) {
            long sec = b.getInt() & 0xFFFFFFFFL;
            long usec = b.getInt() & 0xFFFFFFFFL;
            int incl = b.getInt();
            int orig = b.getInt();
            if (incl != orig) {
                throw new IllegalArgumentException("truncated packet");
            }
            byte[] p = new byte[incl];
            b.get(p);
            out.add(packet(sec * 1_000_000 + usec, p));
        }
        return out;
    }

    private static Packet packet(long micros, byte[] p) {
        ByteBuffer b = ByteBuffer.wrap(p); // network order
        if (b.getShort(12) != 0x0800) {
            throw new IllegalArgumentException("not IPv4");
        }
        int ip = 14;
        int ihl = (p[ip] & 0x0F) * 4;
        int total = b.getShort(ip + 2) & 0xFFFF;
        if (ip + total != p.length) {
            throw new IllegalArgumentException("IP total length " + total + " in a frame of " + p.length);
        }
        boolean ipOk = PcapWriter.checksum(0, p, ip, ihl) == 0;
        int src = b.getInt(ip + 12);
        int dst = b.getInt(ip + 16);
        int tcp = ip + ihl;
        int tcpLen = total - ihl;
        long sum = PcapWriter.pseudoHeader(src, dst, tcpLen);
        boolean tcpOk = PcapWriter.checksum(sum, p, tcp, tcpLen) == 0;
        int dataOffset = ((p[tcp + 12] & 0xF0) >>> 4) * 4;
        return new Packet(
                micros,
                src,
                dst,
                b.getShort(tcp) & 0xFFFF,
                b.getShort(tcp + 2) & 0xFFFF,
                b.getInt(tcp + 4),
                b.getInt(tcp + 8),
                p[tcp + 13] & 0xFF,
                Arrays.copyOfRange(p, tcp + dataOffset, p.length),
                ipOk,
                tcpOk);
    }
}
