package io.interlock.server.core.lock;

import java.util.UUID;

/**
 * Identity of a lease: the client's ClientGuid plus the 16-byte LeaseKey it chose ([MS-SMB2]
 * 3.3.1.11: leases live in a per-ClientGuid table, not per connection or session).
 *
 * <p>Traditional oplocks are modelled as leases with a private key per open ({@link
 * #forOplock}), in a ClientGuid namespace no SMB client uses.
 *
 * @param clientGuid the SMB client's ClientGuid from NEGOTIATE
 * @param key the LeaseKey from the RqLs create context
 */
public record LeaseKey(UUID clientGuid, UUID key) {
    /*
     * The ClientGuid of the private keys of traditional oplocks: a fixed random-looking value, as
     * two longs rather than a static UUID field (Lincheck cannot read object-typed static fields
     * of records through Unsafe; see LockManagerLincheckTest).
     */
    private static final long OPLOCK_NS_HIGH = 0x6f706c6b00004000L;

    private static final long OPLOCK_NS_LOW = 0x8000696e746c6f63L;

    /** The private key of the traditional oplock of one open. */
    public static LeaseKey forOplock(long openId) {
        return new LeaseKey(new UUID(OPLOCK_NS_HIGH, OPLOCK_NS_LOW), new UUID(0, openId));
    }

    /** True for a key made by {@link #forOplock}. */
    public boolean isOplock() {
        return clientGuid.getMostSignificantBits() == OPLOCK_NS_HIGH
                && clientGuid.getLeastSignificantBits() == OPLOCK_NS_LOW;
    }
}
