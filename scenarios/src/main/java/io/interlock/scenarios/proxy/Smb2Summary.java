package io.interlock.scenarios.proxy;

import java.util.ArrayList;
import java.util.List;

/**
 * An SMB2 frame: the messages of its compound chain ([MS-SMB2] 3.2.4.1.4, NextCommand), in order;
 * or, for an SMB 3 transform ([MS-SMB2] 2.2.41, ProtocolId 0xFD 'S' 'M' 'B'), an encrypted frame
 * whose messages cannot be read.
 *
 * @param encrypted the frame is an SMB2 TRANSFORM_HEADER (then {@code messages} is empty)
 * @param transformSessionId the transform header's SessionId (0 unless encrypted)
 * @param messages the chain, in order
 */
public record Smb2Summary(boolean encrypted, long transformSessionId, List<Smb2Message> messages)
        implements FrameSummary {
    /** The NetBIOS header (4 bytes) before the SMB2 message. */
    static final int NBSS = 4;

    static final int TRANSFORM_HEADER_SIZE = 52;

    public Smb2Summary {
        messages = List.copyOf(messages);
    }

    /** The first message (every unencrypted frame has one). */
    public Smb2Message first() {
        if (messages.isEmpty()) {
            throw new IllegalStateException("an encrypted frame has no readable message");
        }
        return messages.get(0);
    }

    static FrameSummary decode(byte[] frame) {
        if (frame.length < NBSS) {
            return new Opaque("frame of " + frame.length + " bytes has no NetBIOS header");
        }
        if (frame[0] != 0) {
            return new Opaque("NetBIOS session message type 0x" + Integer.toHexString(frame[0] & 0xFF));
        }
        if (frame.length < NBSS + 4) {
            return new Opaque("SMB frame of " + frame.length + " bytes");
        }
        int p0 = frame[4] & 0xFF;
        boolean smb = frame[5] == 'S' && frame[6] == 'M' && frame[7] == 'B';
        if (!smb) {
            return new Opaque("no SMB protocol id");
        }
        switch (p0) {
            case 0xFE:
                return new Smb2Summary(false, 0, chain(frame));
            case 0xFD: {
                if (frame.length < NBSS + TRANSFORM_HEADER_SIZE) {
                    return new Opaque("transform header truncated at " + frame.length + " bytes");
                }
                // ProtocolId (4), Signature (16), Nonce (16), OriginalMessageSize (4), Reserved (2),
                // Flags/EncryptionAlgorithm (2), SessionId (8)
                long session = new WireCursor(frame, NBSS + 44, NBSS + 52).u64le();
                return new Smb2Summary(true, session, List.of());
            }
            case 0xFC:
                return new Opaque("SMB2 compression transform header ([MS-SMB2] 2.2.42)");
            case 0xFF:
                return new Opaque("SMB1 message");
            default:
                return new Opaque("protocol id 0x" + Integer.toHexString(p0) + " 'SMB'");
        }
    }

    private static List<Smb2Message> chain(byte[] frame) {
        List<Smb2Message> out = new ArrayList<>(1);
        int at = NBSS;
        while (true) {
            if (frame.length - at < Smb2Message.HEADER_SIZE) {
                throw WireCursor.malformed(
                        "SMB2 header " + (out.size() + 1) + " truncated: " + (frame.length - at) + " bytes at " + at);
            }
            WireCursor h = new WireCursor(frame, at, frame.length);
            if (h.i32le() != 0x424D53FE) { // ProtocolId (4 bytes): 0xFE 'S' 'M' 'B'
                throw WireCursor.malformed("message " + (out.size() + 1) + " has no SMB2 protocol id");
            }
            long next = new WireCursor(frame, at + 20, at + 24).u32le(); // NextCommand (4 bytes)
            if (next != 0 && (next < Smb2Message.HEADER_SIZE || at + next > frame.length)) {
                throw WireCursor.malformed("NextCommand " + next + " at " + at + " in a frame of " + frame.length);
            }
            int end = next == 0 ? frame.length : at + (int) next;
            out.add(Smb2Messages.decode(frame, at, end));
            if (next == 0) {
                return out;
            }
            at = end;
        }
    }
}
