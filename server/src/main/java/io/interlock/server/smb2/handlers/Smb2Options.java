package io.interlock.server.smb2.handlers;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SMB-only settings that {@code ServerConfig} does not carry (yet).
 *
 * @param encryptionRequired every session must encrypt (SMB2_SESSION_FLAG_ENCRYPT_DATA, [MS-SMB2]
 *     3.3.5.5.3); clients that cannot encrypt are refused
 * @param encryptedShares shares whose trees must encrypt (SMB2_SHAREFLAG_ENCRYPT_DATA, 3.3.5.7),
 *     case-insensitive
 */
public record Smb2Options(boolean encryptionRequired, Set<String> encryptedShares) {
    public Smb2Options {
        encryptedShares = encryptedShares == null
                ? Set.of()
                : encryptedShares.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public static Smb2Options defaults() {
        return new Smb2Options(false, Set.of());
    }

    public boolean shareEncrypted(String name) {
        return encryptedShares.contains(name.toLowerCase(Locale.ROOT));
    }
}
