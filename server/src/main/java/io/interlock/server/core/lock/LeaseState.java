package io.interlock.server.core.lock;

/**
 * Lease caching state bits ([MS-SMB2] 2.2.13.2.8): READ 0x1, HANDLE 0x2, WRITE 0x4. A state is an
 * {@code int} holding a combination of these bits; the valid granted states are NONE, R, RH, RW
 * and RWH.
 */
public final class LeaseState {
    public static final int NONE = 0x0;
    public static final int READ = 0x1;
    public static final int HANDLE = 0x2;
    public static final int WRITE = 0x4;
    public static final int RH = READ | HANDLE;
    public static final int RW = READ | WRITE;
    public static final int RWH = READ | WRITE | HANDLE;

    private LeaseState() {}

    /** True for NONE, R, RH, RW and RWH (H or W without R is never a valid lease state). */
    public static boolean isValid(int state) {
        return (state & ~RWH) == 0 && (state == NONE || (state & READ) != 0);
    }

    /** "RWH", "RH", "R", "NONE", ... */
    public static String name(int state) {
        if (state == NONE) {
            return "NONE";
        }
        StringBuilder b = new StringBuilder(3);
        if ((state & READ) != 0) {
            b.append('R');
        }
        if ((state & WRITE) != 0) {
            b.append('W');
        }
        if ((state & HANDLE) != 0) {
            b.append('H');
        }
        return b.toString();
    }

    /** Parses "RWH", "RH", "R", "NONE" (any order of letters, case-insensitive). */
    public static int parse(String s) {
        String u = s.trim().toUpperCase(java.util.Locale.ROOT);
        if (u.equals("NONE") || u.isEmpty()) {
            return NONE;
        }
        int st = 0;
        for (char c : u.toCharArray()) {
            st |= switch (c) {
                case 'R' -> READ;
                case 'W' -> WRITE;
                case 'H' -> HANDLE;
                default -> throw new IllegalArgumentException("bad lease state " + s);
            };
        }
        return st;
    }
}
