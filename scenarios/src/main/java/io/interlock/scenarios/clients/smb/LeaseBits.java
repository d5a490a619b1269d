package io.interlock.scenarios.clients.smb;

import java.util.Locale;

/**
 * SMB2 lease state bits ([MS-SMB2] 2.2.13.2.8): R = READ_CACHING 0x1, H = HANDLE_CACHING 0x2,
 * W = WRITE_CACHING 0x4. Written as letters in the order R, W, H ("RWH", "RH", "NONE").
 */
public final class LeaseBits {
    public static final int NONE = 0x0;
    public static final int READ = 0x1;
    public static final int HANDLE = 0x2;
    public static final int WRITE = 0x4;

    private LeaseBits() {}

    /** Parses "RWH", "rh", "R", "NONE" or "" (letters in any order). */
    public static int parse(String text) {
        String s = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("NONE") || s.equals("0")) {
            return NONE;
        }
        int bits = 0;
        for (char c : s.toCharArray()) {
            bits |= switch (c) {
                case 'R' -> READ;
                case 'W' -> WRITE;
                case 'H' -> HANDLE;
                default -> throw new IllegalArgumentException("not a lease state: " + text);
            };
        }
        return bits;
    }

    /** Formats bits as "RWH", "RH", ..., or "NONE" for 0. Unknown bits are shown in hex. */
    public static String format(int bits) {
        if ((bits & 0x7) == 0) {
            return bits == 0 ? "NONE" : String.format("0x%x", bits);
        }
        StringBuilder b = new StringBuilder();
        if ((bits & READ) != 0) {
            b.append('R');
        }
        if ((bits & WRITE) != 0) {
            b.append('W');
        }
        if ((bits & HANDLE) != 0) {
            b.append('H');
        }
        if ((bits & ~0x7) != 0) {
            b.append(String.format("+0x%x", bits & ~0x7));
        }
        return b.toString();
    }
}
