package io.interlock.scenarios.checks;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * The calls of {@link FileSpec}: what a client asked of a path, in protocol-neutral terms. The
 * engine maps each protocol operation onto one of these (NFS WRITE and SMB2 WRITE onto {@link
 * Write}, NFS SETATTR(size) and SMB2 SET_INFO(EndOfFile) onto {@link Truncate}, ...).
 */
public sealed interface FileCall {
    /** The paths this call reads or changes (its keys for partitioning). */
    Set<Object> paths();

    /** How {@link Create} treats an existing file. */
    enum CreateMode {
        /** Fail with {@link FileError#EXISTS} (NFS CREATE GUARDED/EXCLUSIVE, SMB2 FILE_CREATE). */
        EXCLUSIVE,
        /** Open it as it is (NFS CREATE UNCHECKED without size, SMB2 FILE_OPEN_IF). */
        KEEP,
        /** Truncate it to 0 bytes (NFS CREATE UNCHECKED with size 0, SMB2 FILE_OVERWRITE_IF/SUPERSEDE). */
        TRUNCATE
    }

    /** Write {@code data} at {@code offset}; a gap past the end reads as zeros. Absent file: NOT_FOUND. */
    record Write(String path, long offset, byte[] data) implements FileCall {
        public Write {
            Objects.requireNonNull(path, "path");
            data = data.clone();
            if (offset < 0 || offset + data.length > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "write outside [0, 2^31): offset " + offset + ", " + data.length + " bytes");
            }
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public Set<Object> paths() {
            return Set.of(path);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Write w && path.equals(w.path) && offset == w.offset && Arrays.equals(data, w.data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, offset) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Write[" + path + " @" + offset + " " + FileTree.render(data) + "]";
        }
    }

    /** Read the whole file: {@link FileResult.Data} with its content. Absent file: NOT_FOUND. */
    record Read(String path) implements FileCall {
        public Read {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public Set<Object> paths() {
            return Set.of(path);
        }
    }

    /** Read up to {@code length} bytes at {@code offset}; short at the end of file, empty past it. */
    record ReadAt(String path, long offset, int length) implements FileCall {
        public ReadAt {
            Objects.requireNonNull(path, "path");
            if (offset < 0 || length < 0) {
                throw new IllegalArgumentException("bad read range: offset " + offset + ", length " + length);
            }
        }

        @Override
        public Set<Object> paths() {
            return Set.of(path);
        }
    }

    /** Set the size: cut, or extend with zeros. Absent file: NOT_FOUND. */
    record Truncate(String path, long size) implements FileCall {
        public Truncate {
            Objects.requireNonNull(path, "path");
            if (size < 0 || size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bad size " + size);
            }
        }

        @Override
        public Set<Object> paths() {
            return Set.of(path);
        }
    }

    /** Create an empty file; an existing one is treated as {@code mode} says. */
    record Create(String path, CreateMode mode) implements FileCall {
        public Create {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(mode, "mode");
        }

        @Override
        public Set<Object> paths() {
            return Set.of(path);
        }
    }

    /** Remove the file. Absent file: NOT_FOUND. */
    record Remove(String path) implements FileCall {
        public Remove {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public Set<Object> paths() {
            return Set.of(path);
        }
    }

    /**
     * Move {@code from} to {@code to}, replacing {@code to} if it exists (POSIX rename(2), NFS RENAME,
     * SMB2 FileRenameInformation with ReplaceIfExists). Absent source: NOT_FOUND. Same path: no
     * change.
     */
    record Rename(String from, String to) implements FileCall {
        public Rename {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public Set<Object> paths() {
            return from.equals(to) ? Set.of(from) : Set.of(from, to);
        }
    }
}
