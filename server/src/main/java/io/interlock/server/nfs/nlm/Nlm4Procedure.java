package io.interlock.server.nfs.nlm;

/** NLM v4 procedure numbers (RFC 1813 §6.2; XNFS 10.2). */
public enum Nlm4Procedure {
    NULL(0),
    TEST(1),
    LOCK(2),
    CANCEL(3),
    UNLOCK(4),
    GRANTED(5),
    TEST_MSG(6),
    LOCK_MSG(7),
    CANCEL_MSG(8),
    UNLOCK_MSG(9),
    GRANTED_MSG(10),
    TEST_RES(11),
    LOCK_RES(12),
    CANCEL_RES(13),
    UNLOCK_RES(14),
    GRANTED_RES(15),
    SHARE(20),
    UNSHARE(21),
    NM_LOCK(22),
    FREE_ALL(23);

    private static final Nlm4Procedure[] BY_NUMBER = new Nlm4Procedure[24];

    static {
        for (Nlm4Procedure p : values()) {
            BY_NUMBER[p.number] = p;
        }
    }

    private final int number;

    Nlm4Procedure(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The procedure with this number, or null. */
    public static Nlm4Procedure of(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /** For a _MSG procedure, the _RES procedure that carries its result back. */
    public Nlm4Procedure resultProcedure() {
        return switch (this) {
            case TEST_MSG -> TEST_RES;
            case LOCK_MSG -> LOCK_RES;
            case CANCEL_MSG -> CANCEL_RES;
            case UNLOCK_MSG -> UNLOCK_RES;
            case GRANTED_MSG -> GRANTED_RES;
            default -> throw new IllegalArgumentException(this + " has no _RES");
        };
    }
}
