package io.interlock.server.core.vfs;

/**
 * Bytes read from a file.
 *
 * @param data the bytes; never longer than the count asked for
 * @param eof true when {@code offset + data.length >= size} at the time of the read
 */
public record ReadResult(byte[] data, boolean eof) {}
