package io.interlock.server.core.lock;

/**
 * Traditional oplock levels ([MS-SMB2] 2.2.13 RequestedOplockLevel) and their mapping onto lease
 * states: the lock manager models an oplock as a lease with a private key (catalog §2.1, as Samba
 * and DittoFS do): BATCH = RWH, EXCLUSIVE = RW, LEVEL_II = R.
 */
public final class OplockLevel {
    public static final int NONE = 0x00;
    public static final int LEVEL_II = 0x01;
    public static final int EXCLUSIVE = 0x08;
    public static final int BATCH = 0x09;
    /** SMB2_OPLOCK_LEVEL_LEASE: never a traditional level; an ack carrying it is invalid. */
    public static final int LEASE = 0xFF;

    private OplockLevel() {}

    /** The lease state an oplock level is modelled as; NONE for anything unknown. */
    public static int toState(int level) {
        return switch (level) {
            case BATCH -> LeaseState.RWH;
            case EXCLUSIVE -> LeaseState.RW;
            case LEVEL_II -> LeaseState.READ;
            default -> LeaseState.NONE;
        };
    }

    /**
     * The oplock level for a modelled state. RH has no oplock equivalent and maps to LEVEL_II (a
     * BATCH holder that must drop W or H becomes Level II; catalog §2.5).
     */
    public static int fromState(int state) {
        if ((state & LeaseState.READ) == 0) {
            return NONE;
        }
        if ((state & LeaseState.WRITE) != 0) {
            return (state & LeaseState.HANDLE) != 0 ? BATCH : EXCLUSIVE;
        }
        return LEVEL_II;
    }

    /** The modelled state an oplock may break to: only Level II (R) or NONE. */
    static int breakTarget(int leaseTarget) {
        return (leaseTarget & LeaseState.READ) != 0 ? LeaseState.READ : LeaseState.NONE;
    }

    public static String name(int level) {
        return switch (level) {
            case NONE -> "NONE";
            case LEVEL_II -> "LEVEL_II";
            case EXCLUSIVE -> "EXCLUSIVE";
            case BATCH -> "BATCH";
            case LEASE -> "LEASE";
            default -> "0x" + Integer.toHexString(level);
        };
    }
}
