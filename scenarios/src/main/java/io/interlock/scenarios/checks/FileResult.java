package io.interlock.scenarios.checks;

import java.util.Arrays;
import java.util.Objects;

/** The answers of {@link FileSpec}: done, data read, or a definite error. */
public sealed interface FileResult {
    /** The shared "done" answer of writes, truncates, creates, removes and renames. */
    Done DONE = new Done();

    /** The call succeeded (and answers no data). */
    record Done() implements FileResult {}

    /** The bytes a read returned. */
    record Data(byte[] bytes) implements FileResult {
        public Data {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && Arrays.equals(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Data[" + FileTree.render(bytes) + "]";
        }
    }

    /** A definite error answer: the server decided, so the call took place (without effect). */
    record Rejected(FileError error) implements FileResult {
        public Rejected {
            Objects.requireNonNull(error, "error");
        }
    }

    static Data data(byte[] bytes) {
        return new Data(bytes);
    }

    static Rejected rejected(FileError error) {
        return new Rejected(error);
    }
}
