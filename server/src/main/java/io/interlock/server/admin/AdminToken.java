package io.interlock.server.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The shared secret of the admin endpoint: 32 random bytes as hex, or a token the operator chose.
 * Compared in constant time.
 */
public final class AdminToken {
    private static final int MIN_LENGTH = 16;
    private final String value;

    private AdminToken(String value) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("an admin token needs at least " + MIN_LENGTH + " characters");
        }
        this.value = value.strip();
    }

    public static AdminToken of(String value) {
        return new AdminToken(value);
    }

    public static AdminToken random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return new AdminToken(HexFormat.of().formatHex(b));
    }

    /**
     * The token in {@code file} if it exists, else a fresh one written there, readable by the owner
     * only (where the file system has POSIX permissions).
     */
    public static AdminToken fromFile(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            return new AdminToken(Files.readString(file, StandardCharsets.UTF_8));
        }
        AdminToken t = random();
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, t.value + "\n", StandardCharsets.UTF_8);
        return t;
    }

    public String value() {
        return value;
    }

    /** Whether an {@code Authorization} header carries this token as a bearer token. */
    public boolean matchesHeader(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] got = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(got, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AdminToken[redacted]";
    }
}
