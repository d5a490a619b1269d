package io.interlock.scenarios.proxy;

import java.util.UUID;

/**
 * SMB2 Lease Break Acknowledgment ([MS-SMB2] 2.2.24.2) or Lease Break Response (2.2.25.2): the
 * same 36-byte layout both ways.
 *
 * @param response true for the server's response, false for the client's acknowledgment
 * @param flags Flags (reserved, 0)
 * @param leaseKey LeaseKey, bytes in wire order
 * @param leaseState LeaseState: what the client keeps (ack) or holds now (response)
 */
public record Smb2LeaseBreakAckBody(boolean response, int flags, UUID leaseKey, int leaseState) implements Smb2Body {
    public static final int STRUCTURE_SIZE = 36;

    static Smb2LeaseBreakAckBody decode(WireCursor c, boolean response) {
        c.u16le(); // StructureSize (2 bytes): 36
        c.u16le(); // Reserved (2 bytes)
        int flags = c.i32le(); // Flags (4 bytes)
        UUID key = c.uuid16(); // LeaseKey (16 bytes)
        int state = c.i32le(); // LeaseState (4 bytes)
        c.u64le(); // LeaseDuration (8 bytes): reserved
        return new Smb2LeaseBreakAckBody(response, flags, key, state);
    }
}
