package io.interlock.server.smb2.wire;

import java.util.UUID;

/**
 * The RqLs create context payload: SMB2_CREATE_REQUEST_LEASE (v1, 32 bytes, [MS-SMB2] 2.2.13.2.8)
 * or _V2 (52 bytes, 2.2.13.2.10); the responses (2.2.14.2.10/.11) have the same layouts. The
 * version is decided by the length alone.
 */
public record LeaseContext(UUID leaseKey, int leaseState, int flags, UUID parentLeaseKey, int epoch, int version) {
    public static final String NAME = "RqLs";
    public static final int FLAG_BREAK_IN_PROGRESS = 0x2;
    public static final int FLAG_PARENT_LEASE_KEY_SET = 0x4;

    public static LeaseContext decode(byte[] data) throws Smb2ProtocolException {
        if (data.length != 32 && data.length != 52) {
            throw Smb2ProtocolException.invalid("RqLs length " + data.length);
        }
        Smb2Reader r = Smb2Reader.of(data);
        UUID key = r.guid(); // LeaseKey (16 bytes)
        int state = r.u32(); // LeaseState (4 bytes)
        int flags = r.u32(); // LeaseFlags (4 bytes)
        r.u64(); // LeaseDuration (8 bytes)
        if (data.length == 32) {
            return new LeaseContext(key, state, flags, null, 0, 1);
        }
        UUID parent = r.guid(); // ParentLeaseKey (16 bytes)
        int epoch = r.u16(); // Epoch (2 bytes)
        return new LeaseContext(key, state, flags, parent, epoch, 2);
    }

    public byte[] encode() {
        Smb2Writer w = new Smb2Writer(52);
        w.guid(leaseKey); // LeaseKey (16 bytes)
        w.u32(leaseState); // LeaseState (4 bytes)
        w.u32(flags); // LeaseFlags (4 bytes)
        w.u64(0); // LeaseDuration (8 bytes)
        if (version >= 2) {
            w.guid(parentLeaseKey == null ? new UUID(0, 0) : parentLeaseKey); // ParentLeaseKey (16 bytes)
            w.u16(epoch); // Epoch (2 bytes)
            w.u16(0); // Reserved (2 bytes)
        }
        return w.toByteArray();
    }
}
