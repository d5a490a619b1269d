package io.interlock.server.core.vfs.memory;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of one in-memory file, kept sparsely in direct (off-heap) pages of at most 64 KiB.
 * A page is allocated only when written, and only as large as the smallest power of two, at least
 * 4 KiB, that holds its highest written byte: a hole costs nothing and a 1-byte write at offset
 * 600,000,000 costs one 4 KiB page (issue 10, defect 2), while a page written in 4 KiB steps is
 * copied at most about once in all as it doubles. Reads of holes return zeros.
 *
 * <p>Why off-heap (issue 11): file data on the Java heap is live data the collector copies on
 * every evacuation (the profile showed 100-185 ms young pauses copying a 256 MiB file) and it
 * makes the heap, and so the RSS, grow to several times the data. Direct pages are neither copied
 * nor scanned by the collector, and are freed at once when a file shrinks or goes ({@link
 * DirectPages#free}).
 *
 * <p>Not thread-safe: the store's tree lock guards it. No page buffer ever leaves this class: reads
 * copy out and writes copy in, under that lock, so freeing a page can never pull memory from
 * under a reader.
 */
final class SparseFile {
    static final int PAGE = 64 * 1024;
    private static final int GRAIN = 4 * 1024;

    /** Page index → that page (capacity ≤ PAGE, a power of two ≥ GRAIN). */
    private final TreeMap<Long, ByteBuffer> pages = new TreeMap<>();

    private final DirectPages pageSource;
    private long allocated;

    SparseFile(DirectPages pageSource) {
        this.pageSource = pageSource;
    }

    /** Bytes allocated for this file's pages. */
    long allocated() {
        return allocated;
    }

    /** The capacity of a page that must hold bytes up to {@code needEnd} (exclusive). */
    static int capacityFor(int needEnd) {
        if (needEnd <= GRAIN) {
            return GRAIN;
        }
        return Math.min(PAGE, Integer.highestOneBit(needEnd - 1) << 1);
    }

    /** Bytes a write of {@code length} bytes at {@code offset} would newly allocate. */
    long growthFor(long offset, int length) {
        long growth = 0;
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            long index = pos / PAGE;
            int inPage = (int) (pos % PAGE);
            int chunk = (int) Math.min(PAGE - inPage, end - pos);
            ByteBuffer page = pages.get(index);
            int have = page == null ? 0 : page.capacity();
            int needEnd = inPage + chunk;
            if (needEnd > have) {
                growth += capacityFor(needEnd) - have;
            }
            pos += chunk;
        }
        return growth;
    }

    /** Copies {@code length} bytes in at {@code offset}; returns the bytes newly allocated. */
    long write(long offset, byte[] src, int srcOffset, int length) {
        return write(offset, ByteBuffer.wrap(src, srcOffset, length));
    }

    /**
     * Copies {@code src}'s remaining bytes in at {@code offset}, leaving {@code src}'s position
     * untouched; returns the bytes newly allocated.
     */
    long write(long offset, ByteBuffer src) {
        long growth = 0;
        long pos = offset;
        long end = offset + src.remaining();
        int from = src.position();
        while (pos < end) {
            long index = pos / PAGE;
            int inPage = (int) (pos % PAGE);
            int chunk = (int) Math.min(PAGE - inPage, end - pos);
            ByteBuffer page = pages.get(index);
            int have = page == null ? 0 : page.capacity();
            if (inPage + chunk > have) {
                int capacity = capacityFor(inPage + chunk);
                // a new page this write fills from end to end needs no zeroing first
                boolean filled = page == null && inPage == 0 && chunk == capacity;
                ByteBuffer grown = pageSource.allocate(capacity, !filled);
                if (page != null) {
                    grown.put(0, page, 0, have);
                    pageSource.free(page);
                }
                page = grown;
                pages.put(index, page);
                growth += page.capacity() - have;
            }
            page.put(inPage, src, from, chunk);
            pos += chunk;
            from += chunk;
        }
        allocated += growth;
        return growth;
    }

    /** Copies {@code length} bytes from {@code offset} into {@code dst[dstOffset...]}; holes read as zeros. */
    void read(long offset, byte[] dst, int dstOffset, int length) {
        read(offset, ByteBuffer.wrap(dst, dstOffset, length));
    }

    /**
     * Fills {@code dst}'s remaining bytes with the content from {@code offset} (holes read as zeros),
     * leaving {@code dst}'s position untouched.
     */
    void read(long offset, ByteBuffer dst) {
        int length = dst.remaining();
        if (length == 0) {
            return;
        }
        int base = dst.position();
        long end = offset + length;
        long firstIndex = offset / PAGE;
        long lastIndex = (end - 1) / PAGE;
        long filled = offset; // bytes before this have been written to dst
        for (Map.Entry<Long, ByteBuffer> e :
                pages.subMap(firstIndex, true, lastIndex, true).entrySet()) {
            long pageStart = e.getKey() * PAGE;
            ByteBuffer page = e.getValue();
            long from = Math.max(offset, pageStart);
            long to = Math.min(end, pageStart + page.capacity());
            if (to <= from) {
                continue;
            }
            zero(dst, base + (int) (filled - offset), (int) (from - filled));
            dst.put(base + (int) (from - offset), page, (int) (from - pageStart), (int) (to - from));
            filled = to;
        }
        zero(dst, base + (int) (filled - offset), (int) (end - filled));
    }

    private static final byte[] ZEROS = new byte[GRAIN];

    private static void zero(ByteBuffer dst, int at, int n) {
        while (n > 0) {
            int k = Math.min(n, ZEROS.length);
            dst.put(at, ZEROS, 0, k);
            at += k;
            n -= k;
        }
    }

    /**
     * Forgets everything at or after {@code newSize} (a later extension reads zeros); returns the
     * bytes freed.
     */
    long truncate(long newSize) {
        long freed = 0;
        long keepPages = (newSize + PAGE - 1) / PAGE;
        var tail = pages.tailMap(keepPages, true);
        for (ByteBuffer p : tail.values()) {
            freed += p.capacity();
            pageSource.free(p);
        }
        tail.clear();
        int inPage = (int) (newSize % PAGE);
        if (inPage != 0) {
            ByteBuffer last = pages.get(newSize / PAGE);
            if (last != null && last.capacity() > inPage) {
                int keep = capacityFor(inPage);
                if (keep < last.capacity()) {
                    ByteBuffer smaller = pageSource.allocate(keep);
                    smaller.put(0, last, 0, inPage);
                    pageSource.free(last);
                    pages.put(newSize / PAGE, smaller);
                    freed += last.capacity() - keep;
                } else {
                    zero(last, inPage, last.capacity() - inPage);
                }
            }
        }
        allocated -= freed;
        return freed;
    }

    /** Frees every page (the file is gone); returns the bytes freed. */
    long free() {
        return truncate(0);
    }
}
