package io.interlock.scenarios.proxy;

import java.util.UUID;

/**
 * The payload of an "RqLs" create context: SMB2_CREATE_REQUEST_LEASE ([MS-SMB2] 2.2.13.2.8, v1,
 * 32 bytes) or SMB2_CREATE_REQUEST_LEASE_V2 (2.2.13.2.10, v2, 52 bytes); the responses
 * (2.2.14.2.10, 2.2.14.2.11) share the layouts.
 *
 * @param version 1 or 2
 * @param leaseKey LeaseKey, bytes in wire order
 * @param leaseState requested (request) or granted (response) R 0x1 / H 0x2 / W 0x4
 * @param flags LeaseFlags (0x2 BREAK_IN_PROGRESS, 0x4 PARENT_LEASE_KEY_SET)
 * @param parentLeaseKey v2 only, null when the flag is clear or for v1
 * @param epoch v2 only, 0 for v1
 */
public record Smb2LeaseInfo(int version, UUID leaseKey, int leaseState, int flags, UUID parentLeaseKey, int epoch) {
    public static final String CONTEXT_NAME = "RqLs";
    static final int V1_LENGTH = 32;
    static final int V2_LENGTH = 52;
    private static final int PARENT_LEASE_KEY_SET = 0x4;
    /** Create contexts a message may chain before we stop looking (guards garbage loops). */
    private static final int MAX_CONTEXTS = 64;

    static Smb2LeaseInfo decode(WireCursor c, int length) {
        UUID key = c.uuid16(); // LeaseKey (16 bytes)
        int state = c.i32le(); // LeaseState (4 bytes)
        int flags = c.i32le(); // LeaseFlags (4 bytes)
        c.u64le(); // LeaseDuration (8 bytes)
        if (length == V1_LENGTH) {
            return new Smb2LeaseInfo(1, key, state, flags, null, 0);
        }
        UUID parent = c.uuid16(); // ParentLeaseKey (16 bytes)
        int epoch = c.u16le(); // Epoch (2 bytes)
        c.u16le(); // Reserved (2 bytes)
        return new Smb2LeaseInfo(2, key, state, flags, (flags & PARENT_LEASE_KEY_SET) != 0 ? parent : null, epoch);
    }

    /**
     * Finds the lease context in a create-context chain ([MS-SMB2] 2.2.13.2) that starts at
     * absolute {@code at} and spans {@code length} bytes of {@code frame}; null when none.
     */
    static Smb2LeaseInfo find(byte[] frame, int messageEnd, long at, long length) {
        if (length == 0) {
            return null;
        }
        if (at < 0 || at + length > messageEnd) {
            throw WireCursor.malformed("create contexts [" + at + "+" + length + ") outside the message");
        }
        int end = (int) (at + length);
        WireCursor c = new WireCursor(frame, (int) at, end);
        long ctx = at;
        for (int i = 0; i < MAX_CONTEXTS; i++) {
            c.seek(ctx);
            long next = c.u32le(); // Next (4 bytes)
            int nameOffset = c.u16le(); // NameOffset (2 bytes)
            int nameLength = c.u16le(); // NameLength (2 bytes)
            c.u16le(); // Reserved (2 bytes)
            int dataOffset = c.u16le(); // DataOffset (2 bytes)
            long dataLength = c.u32le(); // DataLength (4 bytes)
            String name = c.seek(ctx + nameOffset).ascii(nameLength);
            if (CONTEXT_NAME.equals(name) && (dataLength == V1_LENGTH || dataLength == V2_LENGTH)) {
                c.seek(ctx + dataOffset);
                c.skip(dataLength); // the whole payload is inside the chain
                return decode(c.seek(ctx + dataOffset), (int) dataLength);
            }
            if (next == 0) {
                return null;
            }
            ctx += next;
        }
        throw WireCursor.malformed("more than " + MAX_CONTEXTS + " create contexts");
    }
}
