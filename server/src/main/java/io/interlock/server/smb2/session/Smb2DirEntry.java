package io.interlock.server.smb2.session;

import io.interlock.server.core.vfs.FileAttributes;

/**
 * One entry of a directory scan held by an open between QUERY_DIRECTORY calls.
 *
 * @param name the name as listed ("." and ".." included)
 * @param attributes attributes at scan time
 */
public record Smb2DirEntry(String name, FileAttributes attributes) {}
