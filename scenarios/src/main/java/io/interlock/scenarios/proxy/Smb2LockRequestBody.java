package io.interlock.scenarios.proxy;

import java.util.ArrayList;
import java.util.List;

/**
 * SMB2 LOCK Request ([MS-SMB2] 2.2.26).
 *
 * @param fileId FileId
 * @param locks the lock elements, in wire order
 */
public record Smb2LockRequestBody(Smb2FileId fileId, List<Smb2LockElement> locks) implements Smb2Body {
    public static final int STRUCTURE_SIZE = 48;

    public Smb2LockRequestBody {
        locks = List.copyOf(locks);
    }

    static Smb2LockRequestBody decode(WireCursor c) {
        c.u16le(); // StructureSize (2 bytes): 48
        int count = c.u16le(); // LockCount (2 bytes)
        c.i32le(); // LockSequenceNumber (4 bits) / LockSequenceIndex (28 bits)
        Smb2FileId id = Smb2FileId.read(c); // FileId (16 bytes)
        if ((long) count * Smb2LockElement.SIZE > c.remaining()) {
            throw WireCursor.malformed("LockCount " + count + " but " + c.remaining() + " bytes of locks");
        }
        List<Smb2LockElement> locks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            locks.add(Smb2LockElement.read(c)); // Locks (24 bytes each)
        }
        return new Smb2LockRequestBody(id, locks);
    }
}
