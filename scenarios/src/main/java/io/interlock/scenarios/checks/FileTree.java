package io.interlock.scenarios.checks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state of {@link FileSpec}: which paths exist and what bytes each holds. Immutable, compared
 * by content, hash computed once (the checker hashes every state it memoises).
 */
public final class FileTree {
    private static final FileTree EMPTY = new FileTree(new TreeMap<>());

    private final Map<String, Blob> files; // unmodifiable, sorted
    private final int hash;

    /** File content with value semantics. */
    private record Blob(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Blob b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return render(bytes);
        }
    }

    private FileTree(TreeMap<String, Blob> files) {
        this.files = Collections.unmodifiableMap(files);
        this.hash = files.hashCode();
    }

    public static FileTree empty() {
        return EMPTY;
    }

    /** A tree holding these files (path to content). */
    public static FileTree of(Map<String, byte[]> files) {
        TreeMap<String, Blob> m = new TreeMap<>();
        files.forEach((p, b) -> m.put(Objects.requireNonNull(p, "path"), new Blob(b.clone())));
        return new FileTree(m);
    }

    public boolean exists(String path) {
        return files.containsKey(path);
    }

    /** A copy of the content of {@code path}, if it exists. */
    public Optional<byte[]> content(String path) {
        Blob b = files.get(path);
        return b == null ? Optional.empty() : Optional.of(b.bytes().clone());
    }

    /** The size of {@code path}, or -1 if it does not exist. */
    public int size(String path) {
        Blob b = files.get(path);
        return b == null ? -1 : b.bytes().length;
    }

    /** This tree with {@code path} holding {@code content} (created if absent). */
    public FileTree with(String path, byte[] content) {
        TreeMap<String, Blob> m = new TreeMap<>(files);
        m.put(path, new Blob(content.clone()));
        return new FileTree(m);
    }

    /** This tree without {@code path}. */
    public FileTree without(String path) {
        if (!files.containsKey(path)) {
            return this;
        }
        TreeMap<String, Blob> m = new TreeMap<>(files);
        m.remove(path);
        return new FileTree(m);
    }

    /** {@code path} as a file-server engineer would say it: {@code f = "AAAA"} or {@code f absent}. */
    public String describe(String path) {
        Blob b = files.get(path);
        return b == null ? path + " absent" : path + " = " + render(b.bytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileTree t && hash == t.hash && files.equals(t.files);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "FileTree" + files;
    }

    /**
     * Bytes for humans: printable ASCII as a quoted string (at most 40 characters shown), anything
     * else as hex (at most 24 bytes shown); the length follows when something was cut.
     */
    static String render(byte[] b) {
        boolean printable = true;
        for (byte x : b) {
            printable &= x >= 0x20 && x < 0x7F;
        }
        if (printable) {
            int n = Math.min(b.length, 40);
            String s = new String(b, 0, n, StandardCharsets.US_ASCII)
                    .replace("\\", "\\\\")
                    .replace("\"", "\\\"");
            return "\"" + s + (n < b.length ? "…\" (" + b.length + " bytes)" : "\"");
        }
        int n = Math.min(b.length, 24);
        StringBuilder sb = new StringBuilder("0x");
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return n < b.length
                ? sb.append("… (").append(b.length).append(" bytes)").toString()
                : sb.toString();
    }
}
