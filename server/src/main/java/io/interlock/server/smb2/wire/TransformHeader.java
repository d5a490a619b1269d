package io.interlock.server.smb2.wire;

/**
 * SMB2 TRANSFORM_HEADER ([MS-SMB2] 2.2.41): the 52 bytes in front of an encrypted message (or
 * compound chain). The AEAD's associated data is the header from Nonce to the end (32 bytes); the
 * Signature field carries the 16-byte tag.
 *
 * @param signature Signature (16 bytes): the AEAD tag
 * @param nonce Nonce (16 bytes): 11 (CCM) or 12 (GCM) bytes used, the rest zero
 * @param originalMessageSize OriginalMessageSize (4 bytes)
 * @param flags Flags/EncryptionAlgorithm (2 bytes): 0x0001 = encrypted
 * @param sessionId SessionId (8 bytes)
 */
public record TransformHeader(byte[] signature, byte[] nonce, int originalMessageSize, int flags, long sessionId) {
    public static final int SIZE = 52;
    public static final int PROTOCOL_ID = 0x424D53FD; // 0xFD 'S' 'M' 'B', little-endian
    public static final int FLAG_ENCRYPTED = 0x0001;
    public static final int AAD_OFFSET = 20;
    public static final int AAD_LENGTH = 32;

    /** Whether a message starts with the transform protocol id. */
    public static boolean is(byte[] frame) {
        return frame.length >= 4 && (frame[0] & 0xFF) == 0xFD && frame[1] == 'S' && frame[2] == 'M' && frame[3] == 'B';
    }

    public static TransformHeader decode(Smb2Reader r) throws Smb2ProtocolException {
        if (r.u32() != PROTOCOL_ID) { // ProtocolId (4 bytes)
            throw Smb2ProtocolException.invalid("not a transform header");
        }
        byte[] sig = r.bytes(16); // Signature (16 bytes)
        byte[] nonce = r.bytes(16); // Nonce (16 bytes)
        int size = r.u32(); // OriginalMessageSize (4 bytes)
        r.u16(); // Reserved (2 bytes)
        int flags = r.u16(); // Flags/EncryptionAlgorithm (2 bytes)
        long session = r.u64(); // SessionId (8 bytes)
        return new TransformHeader(sig, nonce, size, flags, session);
    }

    public void encode(Smb2Writer w) {
        w.u32(PROTOCOL_ID);
        w.bytes(signature);
        w.bytes(nonce);
        w.u32(originalMessageSize);
        w.u16(0);
        w.u16(flags);
        w.u64(sessionId);
    }
}
