package io.interlock.scenarios.model;

import java.util.Locale;

/**
 * Lease caching bits ([MS-SMB2] 2.2.13.2.8): READ 0x1, HANDLE 0x2, WRITE 0x4. A state is an {@code
 * int} holding a combination; the only states ever granted on a file are NONE, R, RH, RW and RWH
 * (R-SMB-12). Traditional oplocks are described with the same bits (catalog §2.1 hint): Level II =
 * R, EXCLUSIVE = RW, BATCH = RWH.
 */
public final class CacheBits {
    public static final int NONE = 0x0;
    public static final int R = 0x1;
    public static final int H = 0x2;
    public static final int W = 0x4;
    public static final int RH = R | H;
    public static final int RW = R | W;
    public static final int RWH = R | W | H;

    private CacheBits() {}

    /** NONE, R, RH, RW or RWH: H or W without R is never a valid state (R-SMB-12). */
    public static boolean valid(int state) {
        return (state & ~RWH) == 0 && (state == NONE || (state & R) != 0);
    }

    /** Whether {@code state} holds W or H, i.e. a break from it needs an ack (R-SMB-47). */
    public static boolean flushOrHandle(int state) {
        return (state & (W | H)) != 0;
    }

    /** "RWH", "RH", "R", "NONE"; the letters in the order R, W, H. */
    public static String name(int state) {
        if (state == NONE) {
            return "NONE";
        }
        StringBuilder b = new StringBuilder(3);
        if ((state & R) != 0) {
            b.append('R');
        }
        if ((state & W) != 0) {
            b.append('W');
        }
        if ((state & H) != 0) {
            b.append('H');
        }
        if ((state & ~RWH) != 0) {
            b.append("+0x").append(Integer.toHexString(state & ~RWH));
        }
        return b.toString();
    }

    /** Parses "RWH", "rh", "NONE", "" (letters in any order). */
    public static int parse(String s) {
        String u = s.trim().toUpperCase(Locale.ROOT);
        if (u.isEmpty() || u.equals("NONE")) {
            return NONE;
        }
        int bits = 0;
        for (char c : u.toCharArray()) {
            if (c == 'R') {
                bits |= R;
            } else if (c == 'W') {
                bits |= W;
            } else if (c == 'H') {
                bits |= H;
            } else {
                throw new IllegalArgumentException("not a lease state: " + s);
            }
        }
        return bits;
    }
}
