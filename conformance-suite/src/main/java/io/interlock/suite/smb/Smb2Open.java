package io.interlock.suite.smb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A successful CREATE response ([MS-SMB2] 2.2.14) decoded.
 *
 * @param path the path opened
 * @param fileId FileId
 * @param oplockLevel OplockLevel granted (0xFF when a lease context was returned)
 * @param createAction SUPERSEDED 0, OPENED 1, CREATED 2, OVERWRITTEN 3
 * @param endOfFile EndofFile
 * @param lease the RqLs response context, or null when there was none
 * @param leaseDataLength the DataLength of that context (32 or 52), 0 without one
 * @param message the response as received
 */
public record Smb2Open(
        String path,
        Smb2FileId fileId,
        int oplockLevel,
        int createAction,
        long endOfFile,
        Lease lease,
        int leaseDataLength,
        Smb2Message message) {

    static Smb2Open decode(String path, Smb2Message m) {
        ByteBuffer b = m.body();
        if (m.structureSize() != 89) {
            throw new IllegalStateException("CREATE response StructureSize " + m.structureSize() + " != 89");
        }
        int oplock = Byte.toUnsignedInt(b.get(2)); // OplockLevel (1 byte)
        int action = b.getInt(4); // CreateAction (4 bytes)
        long eof = b.getLong(48); // EndofFile (8 bytes)
        Smb2FileId fid = Smb2FileId.read(b, 64); // FileId (16 bytes)
        int ctxOffset = b.getInt(80); // CreateContextsOffset (4 bytes), from the header
        int ctxLength = b.getInt(84); // CreateContextsLength (4 bytes)
        Lease lease = null;
        int leaseLen = 0;
        if (ctxOffset != 0 && ctxLength != 0) {
            ByteBuffer all = ByteBuffer.wrap(m.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int pos = ctxOffset;
            int end = ctxOffset + ctxLength;
            while (pos + 16 <= end && pos + 16 <= m.bytes().length) {
                int next = all.getInt(pos); // Next
                int nameOff = Short.toUnsignedInt(all.getShort(pos + 4)); // NameOffset
                int nameLen = Short.toUnsignedInt(all.getShort(pos + 6)); // NameLength
                int dataOff = Short.toUnsignedInt(all.getShort(pos + 10)); // DataOffset
                int dataLen = all.getInt(pos + 12); // DataLength
                String name = new String(m.bytes(), pos + nameOff, nameLen, StandardCharsets.US_ASCII);
                if (name.equals(Lease.NAME)) {
                    leaseLen = dataLen;
                    lease = Lease.decode(ByteBuffer.wrap(m.bytes(), pos + dataOff, dataLen), dataLen);
                }
                if (next == 0) {
                    break;
                }
                pos += next;
            }
        }
        return new Smb2Open(path, fid, oplock, action, eof, lease, leaseLen, m);
    }

    /** The granted lease state, 0 without a lease context. */
    public int leaseState() {
        return lease == null ? 0 : lease.state();
    }

    public static String oplockName(int level) {
        return switch (level) {
            case 0x00 -> "NONE";
            case 0x01 -> "II";
            case 0x08 -> "EXCLUSIVE";
            case 0x09 -> "BATCH";
            case 0xFF -> "LEASE";
            default -> "0x" + Integer.toHexString(level);
        };
    }

    @Override
    public String toString() {
        return "open " + path + " " + fileId + " oplock=" + oplockName(oplockLevel)
                + (lease != null ? " " + lease + (leaseDataLength != 0 ? " (" + leaseDataLength + "B)" : "") : "");
    }
}
