package io.interlock.server.runtime;

/**
 * A local account for SMB NTLM authentication.
 *
 * @param name user name (compared case-insensitively, as NTLM does)
 * @param password clear-text password, from which the NT hash is derived
 */
public record UserConfig(String name, String password) {
    /** Parses "NAME:PASSWORD". */
    public static UserConfig parse(String spec) {
        int i = spec.indexOf(':');
        if (i <= 0) {
            throw new IllegalArgumentException("user must be NAME:PASSWORD, got '" + spec + "'");
        }
        return new UserConfig(spec.substring(0, i), spec.substring(i + 1));
    }
}
