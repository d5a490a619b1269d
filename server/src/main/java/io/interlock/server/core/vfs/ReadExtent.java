package io.interlock.server.core.vfs;

/**
 * What {@link VirtualFileSystem#readInto} read.
 *
 * @param count bytes read into the buffer; never more than it had room for
 * @param eof true when {@code offset + count >= size} at the time of the read
 */
public record ReadExtent(int count, boolean eof) {}
