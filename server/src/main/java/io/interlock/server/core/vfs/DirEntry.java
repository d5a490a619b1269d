package io.interlock.server.core.vfs;

/**
 * One directory entry as returned by {@link VirtualFileSystem#readDirectory}.
 *
 * @param name entry name (never "." or "..": protocols synthesise those)
 * @param id the object the entry names
 * @param cookie position after this entry: passing it back to {@code readDirectory} continues
 *     with the next entry. Cookies are never 0 and stay valid while the entry exists, whatever
 *     else is inserted or removed.
 * @param attributes attributes of {@code id} at the time of the listing
 */
public record DirEntry(String name, FileId id, long cookie, FileAttributes attributes) {}
