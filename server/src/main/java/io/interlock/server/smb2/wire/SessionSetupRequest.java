package io.interlock.server.smb2.wire;

/** SMB2 SESSION_SETUP Request ([MS-SMB2] 2.2.5). */
public record SessionSetupRequest(
        int flags, int securityMode, int capabilities, long previousSessionId, byte[] securityBuffer) {

    public static final int FLAG_BINDING = 0x01;

    public static SessionSetupRequest decode(Smb2Reader r) throws Smb2ProtocolException {
        Smb2Messages.structureSize(r, 25, "SESSION_SETUP");
        int flags = r.u8(); // Flags (1 byte)
        int securityMode = r.u8(); // SecurityMode (1 byte)
        int caps = r.u32(); // Capabilities (4 bytes)
        r.u32(); // Channel (4 bytes)
        int off = r.u16(); // SecurityBufferOffset (2 bytes)
        int len = r.u16(); // SecurityBufferLength (2 bytes)
        long prev = r.u64(); // PreviousSessionId (8 bytes)
        return new SessionSetupRequest(flags, securityMode, caps, prev, r.bufferAt(off, len));
    }
}
