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
    /** The ClientGuid of the private keys of traditional oplocks (a fixed random-looking value). */
    static final UUID OPLOCK_NAMESPACE = UUID.fromString("6f706c6b-0000-4000-8000-696e746c6f63");

    /** The private key of the traditional oplock of one open. */
    public static LeaseKey forOplock(long openId) {
        return new LeaseKey(OPLOCK_NAMESPACE, new UUID(0, openId));
    }

    /** True for a key made by {@link #forOplock}. */
    public boolean isOplock() {
        return OPLOCK_NAMESPACE.equals(clientGuid);
    }
}
