package io.interlock.server.core.vfs;

import java.util.List;

/**
 * A page of a directory listing.
 *
 * @param entries entries in cookie order
 * @param eof true when no entry follows the last one in {@code entries}
 * @param verifier the directory's cookie verifier; it changes only when previously issued cookies
 *     become invalid (for the in-memory store: never while the directory exists)
 */
public record DirPage(List<DirEntry> entries, boolean eof, long verifier) {
    public DirPage {
        entries = List.copyOf(entries);
    }
}
