package io.interlock.server.core.vfs.memory;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of one in-memory file, kept sparsely: 64 KiB pages, each allocated only when written
 * and only as long as its highest written byte (rounded up to 4 KiB), so a hole costs nothing and
 * a 1-byte write at offset 600,000,000 costs one 4 KiB page (issue 10, defect 2). Reads of holes
 * return zeros. Not thread-safe: the store's tree lock guards it.
 */
final class SparseFile {
    static final int PAGE = 64 * 1024;
    private static final int GRAIN = 4 * 1024;

    /** Page index → bytes of that page (length ≤ PAGE, a multiple of GRAIN). */
    private final TreeMap<Long, byte[]> pages = new TreeMap<>();

    private long allocated;

    /** Bytes allocated for this file's pages. */
    long allocated() {
        return allocated;
    }

    private static int grown(int needEnd) {
        return Math.min(PAGE, (needEnd + GRAIN - 1) / GRAIN * GRAIN);
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
            byte[] page = pages.get(index);
            int have = page == null ? 0 : page.length;
            int needEnd = inPage + chunk;
            if (needEnd > have) {
                growth += grown(needEnd) - have;
            }
            pos += chunk;
        }
        return growth;
    }

    /** Copies {@code length} bytes in at {@code offset}; returns the bytes newly allocated. */
    long write(long offset, byte[] src, int srcOffset, int length) {
        long growth = 0;
        long pos = offset;
        long end = offset + length;
        int from = srcOffset;
        while (pos < end) {
            long index = pos / PAGE;
            int inPage = (int) (pos % PAGE);
            int chunk = (int) Math.min(PAGE - inPage, end - pos);
            byte[] page = pages.get(index);
            int have = page == null ? 0 : page.length;
            if (inPage + chunk > have) {
                int len = grown(inPage + chunk);
                page = page == null ? new byte[len] : Arrays.copyOf(page, len);
                pages.put(index, page);
                growth += len - have;
            }
            System.arraycopy(src, from, page, inPage, chunk);
            pos += chunk;
            from += chunk;
        }
        allocated += growth;
        return growth;
    }

    /** Copies {@code length} bytes from {@code offset} out; holes read as zeros. */
    void read(long offset, byte[] dst, int dstOffset, int length) {
        Arrays.fill(dst, dstOffset, dstOffset + length, (byte) 0);
        long end = offset + length;
        long firstIndex = offset / PAGE;
        long lastIndex = (end - 1) / PAGE;
        if (length == 0) {
            return;
        }
        for (Map.Entry<Long, byte[]> e :
                pages.subMap(firstIndex, true, lastIndex, true).entrySet()) {
            long pageStart = e.getKey() * PAGE;
            byte[] page = e.getValue();
            long from = Math.max(offset, pageStart);
            long to = Math.min(end, pageStart + page.length);
            if (to > from) {
                System.arraycopy(
                        page, (int) (from - pageStart), dst, dstOffset + (int) (from - offset), (int) (to - from));
            }
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
        for (byte[] p : tail.values()) {
            freed += p.length;
        }
        tail.clear();
        int inPage = (int) (newSize % PAGE);
        if (inPage != 0) {
            byte[] last = pages.get(newSize / PAGE);
            if (last != null && last.length > inPage) {
                int keep = grown(inPage);
                Arrays.fill(last, inPage, last.length, (byte) 0);
                if (keep < last.length) {
                    pages.put(newSize / PAGE, Arrays.copyOf(last, keep));
                    freed += last.length - keep;
                }
            }
        }
        allocated -= freed;
        return freed;
    }
}
