package io.interlock.scenarios.clients.smb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The "RqLs" create context: SMB2_CREATE_REQUEST_LEASE ([MS-SMB2] 2.2.13.2.8, v1, 32 bytes) and
 * SMB2_CREATE_REQUEST_LEASE_V2 (2.2.13.2.10, v2, 52 bytes); the responses (2.2.14.2.10/.11) share
 * the layouts. The version is decided by DataLength alone.
 *
 * @param version v1 or v2 payload
 * @param leaseKey the lease key
 * @param leaseState requested (request) or current (response) R/H/W bits, see {@link LeaseBits}
 * @param flags request: 0 or PARENT_LEASE_KEY_SET (0x4, v2 only); response: 0x2 BREAK_IN_PROGRESS
 * @param parentLeaseKey v2 only; null when not set
 * @param epoch v2 only: client epoch (request) or Lease.Epoch (response); 0 for v1
 */
public record Smb2LeaseContext(
        LeaseVersion version, UUID leaseKey, int leaseState, int flags, UUID parentLeaseKey, int epoch) {

    public static final String NAME = "RqLs";
    public static final int FLAG_BREAK_IN_PROGRESS = 0x2;
    public static final int FLAG_PARENT_LEASE_KEY_SET = 0x4;
    /** Create-context header (16) + name padded to 8 (8). */
    private static final int DATA_OFFSET = 24;

    public Smb2LeaseContext {
        if (version == null || leaseKey == null) {
            throw new IllegalArgumentException("version and lease key are required");
        }
    }

    public static Smb2LeaseContext request(LeaseVersion version, UUID leaseKey, int state) {
        return new Smb2LeaseContext(version, leaseKey, state, 0, null, 0);
    }

    /** Encoded size of the whole context (header, name, payload). */
    public int encodedLength() {
        return DATA_OFFSET + version.dataLength();
    }

    /** Writes the whole create context ([MS-SMB2] 2.2.13.2) with Next = 0. */
    public void encode(ByteBuffer b) {
        ByteBuffer out = b.order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0); // Next (4 bytes): last context
        out.putShort((short) 16); // NameOffset (2 bytes)
        out.putShort((short) 4); // NameLength (2 bytes)
        out.putShort((short) 0); // Reserved (2 bytes)
        out.putShort((short) DATA_OFFSET); // DataOffset (2 bytes)
        out.putInt(version.dataLength()); // DataLength (4 bytes)
        out.put(NAME.getBytes(StandardCharsets.US_ASCII)); // Name (4 bytes)
        out.putInt(0); // Padding (4 bytes) to the 8-aligned data
        LeaseKeys.put(out, leaseKey); // LeaseKey (16 bytes)
        out.putInt(leaseState); // LeaseState (4 bytes)
        out.putInt(flags); // LeaseFlags (4 bytes)
        out.putLong(0); // LeaseDuration (8 bytes): reserved
        if (version == LeaseVersion.V2) {
            if (parentLeaseKey != null) {
                LeaseKeys.put(out, parentLeaseKey); // ParentLeaseKey (16 bytes)
            } else {
                out.putLong(0).putLong(0);
            }
            out.putShort((short) epoch); // Epoch (2 bytes)
            out.putShort((short) 0); // Reserved (2 bytes)
        }
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(encodedLength()).order(ByteOrder.LITTLE_ENDIAN);
        encode(b);
        return b.array();
    }

    /** Decodes a lease payload (the context's Data, 32 or 52 bytes). */
    public static Smb2LeaseContext decodeData(ByteBuffer data, int length) {
        LeaseVersion v = LeaseVersion.ofDataLength(length);
        ByteBuffer in = data.order(ByteOrder.LITTLE_ENDIAN);
        UUID key = LeaseKeys.get(in);
        int state = in.getInt();
        int flags = in.getInt();
        in.getLong(); // LeaseDuration
        UUID parent = null;
        int epoch = 0;
        if (v == LeaseVersion.V2) {
            UUID p = LeaseKeys.get(in);
            parent = (flags & FLAG_PARENT_LEASE_KEY_SET) != 0 ? p : null;
            epoch = Short.toUnsignedInt(in.getShort());
            in.getShort(); // Reserved
        }
        return new Smb2LeaseContext(v, key, state, flags, parent, epoch);
    }
}
