package io.interlock.server.core.lock;

import java.util.UUID;

/**
 * Identity of a lease: the client's ClientGuid plus the 16-byte LeaseKey it chose ([MS-SMB2]
 * 3.3.1.11: leases live in a per-ClientGuid table, not per connection or session).
 *
 * @param clientGuid the SMB client's ClientGuid from NEGOTIATE
 * @param key the LeaseKey from the RqLs create context
 */
public record LeaseKey(UUID clientGuid, UUID key) {}
