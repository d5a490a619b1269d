package io.interlock.scenarios.proxy;

/**
 * One complete frame that reached the proxy ({@link WireProtocol} says where frames end).
 *
 * @param seq global sequence number, in order of arrival at the proxy across all connections,
 *     from 1
 * @param connection the connection it travels on
 * @param direction which way
 * @param bytes the raw bytes as on the wire, with the 4-byte NetBIOS / record-marking header; the
 *     accessor returns a copy, {@link #length()} and {@link #byteAt} read without copying
 * @param arrivalNanos {@link System#nanoTime} when its last byte was read
 * @param summary what it says
 */
public record Frame(
        long seq, Connection connection, Direction direction, byte[] bytes, long arrivalNanos, FrameSummary summary) {

    /** A copy of the raw bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The raw bytes without copying, for the proxy and the pcap writer. Never modify. */
    byte[] wire() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    public int byteAt(int index) {
        return bytes[index] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq);
    }

    @Override
    public String toString() {
        return "#" + seq + " c" + connection.id() + " " + connection.route() + " " + direction + " " + bytes.length
                + "B " + summary;
    }
}
