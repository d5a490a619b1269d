package io.interlock.scenarios.checks;

import io.interlock.scenarios.checks.FileCall.Create;
import io.interlock.scenarios.checks.FileCall.Read;
import io.interlock.scenarios.checks.FileCall.ReadAt;
import io.interlock.scenarios.checks.FileCall.Remove;
import io.interlock.scenarios.checks.FileCall.Rename;
import io.interlock.scenarios.checks.FileCall.Truncate;
import io.interlock.scenarios.checks.FileCall.Write;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sequential specification of file contents the engine checks for linearizability ("no lost
 * write, no stale read"): a namespace of paths, each with a byte content, changed by {@link
 * FileCall}s that answer {@link FileResult}s, as a correct server serving one call at a time would.
 *
 * <p><b>Keys.</b> Every call's keys are the paths it names, so the checker checks each file on
 * its own; a {@link Rename} names two paths and so joins their histories into one group (the
 * group's state is still the whole tree, of which only its paths change). A history in which
 * renames chain all files together is checked as one group.
 *
 * <p><b>What it does not model.</b> Calls address paths, resolved when the call takes effect. A
 * handle-based operation (an NFS WRITE by file handle, an SMB2 WRITE on an open) on a file that was
 * renamed or removed meanwhile is not a path operation: the engine must leave it out, or record it
 * against the path the file had, or mark it INFO. Directories, attributes other than size, and
 * byte-range locks are out of scope (other checks own them).
 */
public final class FileSpec implements SequentialSpec<FileTree> {
    private final FileTree initial;

    /** Starts from an empty namespace. */
    public FileSpec() {
        this(FileTree.empty());
    }

    /** Starts from {@code initial}. */
    public FileSpec(FileTree initial) {
        this.initial = Objects.requireNonNull(initial, "initial");
    }

    /** Starts from these files (path to content). */
    public FileSpec(Map<String, byte[]> initial) {
        this(FileTree.of(initial));
    }

    @Override
    public FileTree init() {
        return initial;
    }

    @Override
    public Optional<FileTree> step(FileTree state, Object call, Object result) {
        Effect e = apply(state, (FileCall) call);
        return result == null || e.result().equals(result) ? Optional.of(e.next()) : Optional.empty();
    }

    /** What {@code call} answers in {@code state} and the state after it. */
    public static Effect apply(FileTree state, FileCall call) {
        if (call instanceof Write w) {
            Optional<byte[]> c = state.content(w.path());
            if (c.isEmpty()) {
                return notFound(state);
            }
            byte[] old = c.get();
            byte[] data = w.data();
            int end = Math.toIntExact(w.offset() + data.length);
            byte[] next = Arrays.copyOf(old, Math.max(old.length, end));
            System.arraycopy(data, 0, next, (int) w.offset(), data.length);
            return new Effect(FileResult.DONE, state.with(w.path(), next));
        }
        if (call instanceof Read r) {
            return state.content(r.path())
                    .<Effect>map(c -> new Effect(FileResult.data(c), state))
                    .orElseGet(() -> notFound(state));
        }
        if (call instanceof ReadAt r) {
            Optional<byte[]> c = state.content(r.path());
            if (c.isEmpty()) {
                return notFound(state);
            }
            byte[] all = c.get();
            int from = (int) Math.min(r.offset(), all.length);
            int to = (int) Math.min((long) from + r.length(), all.length);
            return new Effect(FileResult.data(Arrays.copyOfRange(all, from, to)), state);
        }
        if (call instanceof Truncate t) {
            Optional<byte[]> c = state.content(t.path());
            return c.isEmpty()
                    ? notFound(state)
                    : new Effect(FileResult.DONE, state.with(t.path(), Arrays.copyOf(c.get(), (int) t.size())));
        }
        if (call instanceof Create cr) {
            if (!state.exists(cr.path())) {
                return new Effect(FileResult.DONE, state.with(cr.path(), new byte[0]));
            }
            return switch (cr.mode()) {
                case EXCLUSIVE -> new Effect(FileResult.rejected(FileError.EXISTS), state);
                case KEEP -> new Effect(FileResult.DONE, state);
                case TRUNCATE -> new Effect(FileResult.DONE, state.with(cr.path(), new byte[0]));
            };
        }
        if (call instanceof Remove rm) {
            return state.exists(rm.path()) ? new Effect(FileResult.DONE, state.without(rm.path())) : notFound(state);
        }
        Rename rn = (Rename) call;
        Optional<byte[]> c = state.content(rn.from());
        if (c.isEmpty()) {
            return notFound(state);
        }
        if (rn.from().equals(rn.to())) {
            return new Effect(FileResult.DONE, state);
        }
        return new Effect(FileResult.DONE, state.without(rn.from()).with(rn.to(), c.get()));
    }

    /** The answer of a call and the state after it. */
    public record Effect(FileResult result, FileTree next) {}

    private static Effect notFound(FileTree state) {
        return new Effect(FileResult.rejected(FileError.NOT_FOUND), state);
    }

    @Override
    public Set<Object> keys(Object call) {
        return ((FileCall) call).paths();
    }

    @Override
    public boolean readOnly(Object call) {
        return call instanceof Read || call instanceof ReadAt;
    }

    @Override
    public String describe(Object call, Object result) {
        String what = what((FileCall) call);
        if (result == null || result instanceof FileResult.Done) {
            return what;
        }
        if (result instanceof FileResult.Data d) {
            return what + " returned " + FileTree.render(d.bytes());
        }
        if (result instanceof FileResult.Rejected r) {
            return what + " failed with " + r.error();
        }
        return what + " answered " + result;
    }

    @Override
    public String describeState(FileTree state, Object call) {
        return ((FileCall) call)
                .paths().stream()
                        .map(String.class::cast)
                        .sorted()
                        .map(state::describe)
                        .collect(Collectors.joining(", "));
    }

    private static String what(FileCall call) {
        if (call instanceof Write w) {
            return "write of " + FileTree.render(w.data()) + " at " + w.offset() + " to " + w.path();
        }
        if (call instanceof Read r) {
            return "read of " + r.path();
        }
        if (call instanceof ReadAt r) {
            return "read of " + r.path() + " [" + r.offset() + ", +" + r.length() + ")";
        }
        if (call instanceof Truncate t) {
            return "truncate of " + t.path() + " to " + t.size();
        }
        if (call instanceof Create c) {
            return "create (" + c.mode().name().toLowerCase(java.util.Locale.ROOT) + ") of " + c.path();
        }
        if (call instanceof Remove r) {
            return "remove of " + r.path();
        }
        Rename rn = (Rename) call;
        return "rename of " + rn.from() + " to " + rn.to();
    }
}
