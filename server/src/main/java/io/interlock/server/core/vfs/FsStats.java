package io.interlock.server.core.vfs;

/**
 * Capacity figures of a store (NFS FSSTAT, SMB FileFsSizeInformation).
 *
 * @param totalBytes capacity
 * @param freeBytes free bytes
 * @param totalFiles maximum number of objects
 * @param freeFiles objects that can still be created
 */
public record FsStats(long totalBytes, long freeBytes, long totalFiles, long freeFiles) {}
