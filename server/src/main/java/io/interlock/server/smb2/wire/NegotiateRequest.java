package io.interlock.server.smb2.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * SMB2 NEGOTIATE Request ([MS-SMB2] 2.2.3) with its 3.1.1 negotiate contexts (2.2.3.1).
 *
 * @param securityMode SecurityMode
 * @param capabilities Capabilities
 * @param clientGuid ClientGuid
 * @param dialects Dialects
 * @param contexts negotiate contexts (only when 0x0311 is offered)
 */
public record NegotiateRequest(
        int securityMode, int capabilities, UUID clientGuid, List<Integer> dialects, List<NegotiateContext> contexts) {

    public static NegotiateRequest decode(Smb2Reader r) throws Smb2ProtocolException {
        Smb2Messages.structureSize(r, 36, "NEGOTIATE");
        int count = r.u16(); // DialectCount (2 bytes)
        int securityMode = r.u16(); // SecurityMode (2 bytes)
        r.u16(); // Reserved (2 bytes)
        int caps = r.u32(); // Capabilities (4 bytes)
        UUID guid = r.guid(); // ClientGuid (16 bytes)
        int ctxOffset = r.u32(); // NegotiateContextOffset (4 bytes) / ClientStartTime
        int ctxCount = r.u16(); // NegotiateContextCount (2 bytes)
        r.u16(); // Reserved2 (2 bytes)
        if (count == 0) {
            throw Smb2ProtocolException.invalid("no dialects");
        }
        List<Integer> dialects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            dialects.add(r.u16()); // Dialects (2 bytes each)
        }
        List<NegotiateContext> contexts = new ArrayList<>();
        if (dialects.contains(Smb2Dialect.SMB_3_1_1.value()) && ctxCount > 0) {
            r.seek(ctxOffset);
            for (int i = 0; i < ctxCount; i++) {
                if (i > 0) {
                    r.seek((r.position() + 7) & ~7);
                }
                int type = r.u16(); // ContextType (2 bytes)
                int len = r.u16(); // DataLength (2 bytes)
                r.u32(); // Reserved (4 bytes)
                contexts.add(new NegotiateContext(type, r.bytes(len))); // Data
            }
        }
        return new NegotiateRequest(securityMode, caps, guid, List.copyOf(dialects), List.copyOf(contexts));
    }

    /** A negotiate context ([MS-SMB2] 2.2.3.1): type and raw data. */
    public record NegotiateContext(int type, byte[] data) {
        public static final int PREAUTH_INTEGRITY_CAPABILITIES = 1;
        public static final int ENCRYPTION_CAPABILITIES = 2;
        public static final int SIGNING_CAPABILITIES = 8;
    }
}
