package io.interlock.server.smb2.handlers;

import java.util.Locale;

/**
 * Case-insensitive name matching for QUERY_DIRECTORY patterns ([MS-FSA] 2.1.4.4): '*' any run,
 * '?' one character, and the DOS forms '<' (as '*'), '>' (as '?') and '"' (as '.'). A pattern
 * without wildcards is an exact (case-insensitive) name.
 */
final class Smb2Wildcard {
    private Smb2Wildcard() {}

    static boolean matches(String pattern, String name) {
        String p = pattern.toUpperCase(Locale.ROOT)
                .replace('<', '*')
                .replace('>', '?')
                .replace('"', '.');
        String n = name.toUpperCase(Locale.ROOT);
        if (p.equals("*") || p.equals("*.*")) {
            return true;
        }
        return match(p, 0, n, 0);
    }

    private static boolean match(String p, int pi, String n, int ni) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = ni; k <= n.length(); k++) {
                    if (match(p, pi + 1, n, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (ni >= n.length() || (c != '?' && c != n.charAt(ni))) {
                return false;
            }
            pi++;
            ni++;
        }
        return ni == n.length();
    }
}
