package io.interlock.scenarios.clients.smb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The parts of an SMB2 CREATE response ([MS-SMB2] 2.2.14) that smbj 0.14 drops: the granted
 * OplockLevel and the RqLs response context (2.2.14.2.10 / 2.2.14.2.11).
 *
 * @param oplockLevel 0xFF (as an int, 255) when a lease context was returned
 * @param createAction 0 superseded, 1 opened, 2 created, 3 overwritten
 * @param lease the lease response context, or null when the server returned none
 */
public record Smb2CreateLeaseResponse(int oplockLevel, int createAction, Smb2LeaseContext lease) {

    /**
     * Decodes from a whole SMB2 message.
     *
     * @param message the received bytes
     * @param headerStart where this response's 64-byte header starts (non-zero inside a compound)
     */
    public static Smb2CreateLeaseResponse decode(byte[] message, int headerStart) {
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        int body = headerStart + 64;
        int structureSize = Short.toUnsignedInt(b.getShort(body)); // StructureSize (2 bytes)
        if (structureSize != 89) {
            throw new IllegalArgumentException("CREATE response StructureSize " + structureSize + " != 89");
        }
        int oplock = Byte.toUnsignedInt(b.get(body + 2)); // OplockLevel (1 byte)
        int action = b.getInt(body + 4); // CreateAction (4 bytes)
        int ctxOffset = b.getInt(body + 80); // CreateContextsOffset (4 bytes), from header start
        int ctxLength = b.getInt(body + 84); // CreateContextsLength (4 bytes)
        Smb2LeaseContext lease = null;
        if (ctxOffset != 0 && ctxLength != 0) {
            int pos = headerStart + ctxOffset;
            int end = pos + ctxLength;
            while (pos < end && pos + 16 <= message.length) {
                int next = b.getInt(pos); // Next (4 bytes)
                int nameOff = Short.toUnsignedInt(b.getShort(pos + 4)); // NameOffset (2 bytes)
                int nameLen = Short.toUnsignedInt(b.getShort(pos + 6)); // NameLength (2 bytes)
                int dataOff = Short.toUnsignedInt(b.getShort(pos + 10)); // DataOffset (2 bytes)
                int dataLen = b.getInt(pos + 12); // DataLength (4 bytes)
                String name = new String(message, pos + nameOff, nameLen, StandardCharsets.US_ASCII);
                if (name.equals(Smb2LeaseContext.NAME)) {
                    ByteBuffer data =
                            ByteBuffer.wrap(message, pos + dataOff, dataLen).slice();
                    lease = Smb2LeaseContext.decodeData(data, dataLen);
                }
                if (next == 0) {
                    break;
                }
                pos += next;
            }
        }
        return new Smb2CreateLeaseResponse(oplock, action, lease);
    }
}
