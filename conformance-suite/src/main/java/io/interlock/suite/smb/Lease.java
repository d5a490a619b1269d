package io.interlock.suite.smb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * An RqLs create context payload ([MS-SMB2] 2.2.13.2.8 v1 / 2.2.13.2.10 v2, and the response forms
 * 2.2.14.2.10/.11, which have the same layouts), as sent or as received.
 *
 * @param version 1 (32 bytes) or 2 (52 bytes)
 * @param key LeaseKey
 * @param state LeaseState (R=1, H=2, W=4; other bits as given)
 * @param flags LeaseFlags (0x2 BREAK_IN_PROGRESS in responses, 0x4 PARENT_LEASE_KEY_SET in v2)
 * @param duration LeaseDuration
 * @param parentKey ParentLeaseKey (v2), or null
 * @param epoch Epoch (v2)
 */
public record Lease(int version, UUID key, int state, int flags, long duration, UUID parentKey, int epoch) {
    public static final int R = 0x1;
    public static final int H = 0x2;
    public static final int W = 0x4;
    public static final int RH = R | H;
    public static final int RW = R | W;
    public static final int RWH = R | W | H;
    public static final int FLAG_BREAK_IN_PROGRESS = 0x2;
    public static final int FLAG_PARENT_LEASE_KEY_SET = 0x4;
    public static final String NAME = "RqLs";

    /** A v1 request. */
    public static Lease v1(UUID key, int state) {
        return new Lease(1, key, state, 0, 0, null, 0);
    }

    /** A v2 request with the client's epoch and no parent key. */
    public static Lease v2(UUID key, int state, int epoch) {
        return new Lease(2, key, state, 0, 0, null, epoch);
    }

    /** A v2 request naming the parent directory's lease key (flag 0x4). */
    public static Lease v2(UUID key, int state, int epoch, UUID parent) {
        return new Lease(2, key, state, FLAG_PARENT_LEASE_KEY_SET, 0, parent, epoch);
    }

    public boolean breaking() {
        return (flags & FLAG_BREAK_IN_PROGRESS) != 0;
    }

    /** The payload: 32 bytes for v1, 52 for v2. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(version == 2 ? 52 : 32).order(ByteOrder.LITTLE_ENDIAN);
        putKey(b, key); // LeaseKey (16 bytes)
        b.putInt(state); // LeaseState (4 bytes)
        b.putInt(flags); // LeaseFlags (4 bytes)
        b.putLong(duration); // LeaseDuration (8 bytes)
        if (version == 2) {
            putKey(b, parentKey == null ? new UUID(0, 0) : parentKey); // ParentLeaseKey (16 bytes)
            b.putShort((short) epoch); // Epoch (2 bytes)
            b.putShort((short) 0); // Reserved (2 bytes)
        }
        return b.array();
    }

    /** Decodes a payload of {@code length} bytes (32 → v1, 52 → v2). */
    public static Lease decode(ByteBuffer data, int length) {
        ByteBuffer b = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        UUID key = getKey(b);
        int state = b.getInt();
        int flags = b.getInt();
        long duration = b.getLong();
        if (length >= 52) {
            UUID parent = getKey(b);
            int epoch = Short.toUnsignedInt(b.getShort());
            return new Lease(2, key, state, flags, duration, parent, epoch);
        }
        return new Lease(1, key, state, flags, duration, null, 0);
    }

    /** LeaseKeys are 16 opaque bytes; a UUID's two longs, big-endian, give them a stable order. */
    static void putKey(ByteBuffer b, UUID k) {
        ByteOrder o = b.order();
        b.order(ByteOrder.BIG_ENDIAN).putLong(k.getMostSignificantBits()).putLong(k.getLeastSignificantBits());
        b.order(o);
    }

    static UUID getKey(ByteBuffer b) {
        ByteOrder o = b.order();
        b.order(ByteOrder.BIG_ENDIAN);
        UUID k = new UUID(b.getLong(), b.getLong());
        b.order(o);
        return k;
    }

    /** "RWH", "RH", "R", "NONE" (plus "+0x8" for undefined bits). */
    public static String bits(int s) {
        StringBuilder b = new StringBuilder();
        if ((s & R) != 0) {
            b.append('R');
        }
        if ((s & W) != 0) {
            b.append('W');
        }
        if ((s & H) != 0) {
            b.append('H');
        }
        if (b.length() == 0) {
            b.append("NONE");
        }
        int other = s & ~RWH;
        if (other != 0) {
            b.append("+0x").append(Integer.toHexString(other));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "RqLs v" + version + " " + bits(state) + (flags != 0 ? " flags=0x" + Integer.toHexString(flags) : "")
                + (version == 2 ? " epoch=" + epoch : "");
    }
}
