package io.interlock.server.smb2.wire;

import java.util.List;
import java.util.UUID;

/**
 * SMB2 NEGOTIATE Response ([MS-SMB2] 2.2.4). The security buffer follows the fixed part at header
 * offset 128; negotiate contexts (3.1.1) follow it, 8-byte aligned.
 */
public record NegotiateResponse(
        int securityMode,
        int dialect,
        UUID serverGuid,
        int capabilities,
        int maxTransactSize,
        int maxReadSize,
        int maxWriteSize,
        long systemTime,
        byte[] securityBuffer,
        List<NegotiateRequest.NegotiateContext> contexts)
        implements Smb2Response {

    public static final int SIGNING_ENABLED = 0x1;
    public static final int SIGNING_REQUIRED = 0x2;
    public static final int CAP_DFS = 0x1;
    public static final int CAP_LEASING = 0x2;
    public static final int CAP_LARGE_MTU = 0x4;
    public static final int CAP_DIRECTORY_LEASING = 0x20;
    public static final int CAP_ENCRYPTION = 0x40;

    @Override
    public void encode(Smb2Writer w) {
        w.u16(65); // StructureSize (2 bytes)
        w.u16(securityMode); // SecurityMode (2 bytes)
        w.u16(dialect); // DialectRevision (2 bytes)
        w.u16(contexts.size()); // NegotiateContextCount (2 bytes)
        w.guid(serverGuid); // ServerGuid (16 bytes)
        w.u32(capabilities); // Capabilities (4 bytes)
        w.u32(maxTransactSize); // MaxTransactSize (4 bytes)
        w.u32(maxReadSize); // MaxReadSize (4 bytes)
        w.u32(maxWriteSize); // MaxWriteSize (4 bytes)
        w.u64(systemTime); // SystemTime (8 bytes)
        w.u64(0); // ServerStartTime (8 bytes)
        w.u16(Smb2Header.SIZE + 64); // SecurityBufferOffset (2 bytes)
        w.u16(securityBuffer.length); // SecurityBufferLength (2 bytes)
        int ctxOffsetAt = w.size();
        w.u32(0); // NegotiateContextOffset (4 bytes), patched below
        w.bytes(securityBuffer); // Buffer
        if (!contexts.isEmpty()) {
            w.align(8);
            w.putU32(ctxOffsetAt, w.size());
            for (int i = 0; i < contexts.size(); i++) {
                if (i > 0) {
                    w.align(8);
                }
                var c = contexts.get(i);
                w.u16(c.type()); // ContextType (2 bytes)
                w.u16(c.data().length); // DataLength (2 bytes)
                w.u32(0); // Reserved (4 bytes)
                w.bytes(c.data()); // Data
            }
            w.align(8); // smbj reads the padding after the last context too
        }
    }
}
