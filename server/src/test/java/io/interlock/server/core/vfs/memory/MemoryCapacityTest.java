package io.interlock.server.core.vfs.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FsError;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.SetAttributes;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Sparse pages and the shared capacity of in-memory stores (issue 10, defect 2). */
class MemoryCapacityTest {
    private final MemoryBudget budget = new MemoryBudget(1024 * 1024);
    private final MemoryFileSystem a = new MemoryFileSystem(Clock.systemUTC(), 1, budget);
    private final MemoryFileSystem b = new MemoryFileSystem(Clock.systemUTC(), 2, budget);

    private FileId file(MemoryFileSystem fs, String name) throws FsException {
        return fs.createFile(fs.root(), name, SetAttributes.NONE, CreateMode.EXCLUSIVE);
    }

    @Test
    void write_pastTheSharedCapacity_noSpace_andNothingWritten() throws Exception {
        FileId fa = file(a, "a");
        FileId fb = file(b, "b");
        a.write(fa, 0, new byte[700 * 1024], 0, 700 * 1024);
        assertThatThrownBy(() -> b.write(fb, 0, new byte[400 * 1024], 0, 400 * 1024))
                .isInstanceOf(FsException.class)
                .extracting(e -> ((FsException) e).error())
                .isEqualTo(FsError.NO_SPACE);
        assertThat(b.getAttributes(fb).size()).isZero();
        assertThat(b.stats().freeBytes()).isEqualTo(budget.capacity() - budget.used());
    }

    @Test
    void removeAndTruncate_giveTheBytesBack() throws Exception {
        FileId f = file(a, "f");
        a.write(f, 0, new byte[900 * 1024], 0, 900 * 1024);
        assertThat(budget.used()).isGreaterThanOrEqualTo(900 * 1024);
        a.setAttributes(f, SetAttributes.size(100));
        assertThat(budget.used()).isLessThanOrEqualTo(4096);
        a.write(f, 500_000, new byte[] {1}, 0, 1);
        a.remove(a.root(), "f");
        assertThat(budget.used()).isZero();
    }

    @Test
    void holes_costNothing_readAsZeros_truncateThenExtend_readsZeros() throws Exception {
        FileId f = file(a, "sparse");
        long at = 80_000L * SparseFile.PAGE; // 5.2 GB, at a page start: one 4 KiB grain
        a.write(f, at, new byte[] {7, 8}, 0, 2);
        assertThat(a.getAttributes(f).size()).isEqualTo(at + 2);
        assertThat(a.getAttributes(f).used()).isEqualTo(4096);
        assertThat(a.read(f, at - 2, 6).data()).containsExactly(0, 0, 7, 8);
        a.write(f, 0, new byte[] {1, 2, 3, 4}, 0, 4);
        a.setAttributes(f, SetAttributes.size(2));
        a.setAttributes(f, SetAttributes.size(10));
        assertThat(a.read(f, 0, 10).data()).containsExactly(1, 2, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void write_acrossPageBoundaries_roundTrips() throws Exception {
        FileId f = file(a, "pages");
        byte[] data = new byte[200_000];
        new java.util.Random(3).nextBytes(data);
        a.write(f, SparseFile.PAGE - 7, data, 0, data.length);
        assertThat(a.read(f, SparseFile.PAGE - 7, data.length).data()).isEqualTo(data);
        assertThat(a.read(f, 0, SparseFile.PAGE - 7).data()).containsOnly(0);
    }

    @Test
    void write_inSmallSteps_pagesDoubleUpToFull_budgetMatchesPages() throws Exception {
        FileId f = file(a, "steps");
        byte[] block = new byte[4096];
        for (int i = 0; i < 64; i++) {
            java.util.Arrays.fill(block, (byte) i);
            a.write(f, i * 4096L, block, 0, block.length);
        }
        assertThat(a.getAttributes(f).used()).isEqualTo(256 * 1024);
        assertThat(budget.used()).isEqualTo(256 * 1024);
        assertThat(a.read(f, 63 * 4096L, 4096).data()).containsOnly(63);
        a.write(f, 4L * SparseFile.PAGE, new byte[] {9}, 0, 1); // a new page of one grain
        assertThat(budget.used()).isEqualTo(256 * 1024 + 4096);
        a.setAttributes(f, SetAttributes.size(5000)); // keeps page 0 at 8 KiB
        assertThat(budget.used()).isEqualTo(8192);
        assertThat(a.read(f, 4095, 2).data()).containsExactly(0, 1);
    }

    @Test
    void capacityFor_smallestPowerOfTwoFromOneGrainToOnePage() {
        assertThat(SparseFile.capacityFor(1)).isEqualTo(4096);
        assertThat(SparseFile.capacityFor(4096)).isEqualTo(4096);
        assertThat(SparseFile.capacityFor(4097)).isEqualTo(8192);
        assertThat(SparseFile.capacityFor(40_000)).isEqualTo(65536);
        assertThat(SparseFile.capacityFor(SparseFile.PAGE)).isEqualTo(SparseFile.PAGE);
    }

    @Test
    void recycledPages_fullPageWritesOverwriteThem_partialWritesSeeZerosAroundTheirBytes() {
        DirectPages pages = new DirectPages();
        SparseFile old = new SparseFile(pages);
        byte[] junk = new byte[2 * SparseFile.PAGE];
        java.util.Arrays.fill(junk, (byte) 0x5A);
        old.write(0, junk, 0, junk.length);
        old.free(); // both pages go to the pool, 0x5A in every byte

        SparseFile f = new SparseFile(pages);
        byte[] full = new byte[SparseFile.PAGE];
        java.util.Arrays.fill(full, (byte) 7);
        f.write(0, full, 0, full.length); // page 0: recycled, taken without zeroing, overwritten whole
        f.write(SparseFile.PAGE + 100, new byte[] {1, 2}, 0, 2); // page 1: a small page of its own
        f.write(SparseFile.PAGE + 60_000, new byte[] {3}, 0, 1); // grows page 1 to a full (recycled) page

        byte[] back = new byte[2 * SparseFile.PAGE];
        f.read(0, back, 0, back.length);
        byte[] want = new byte[2 * SparseFile.PAGE];
        java.util.Arrays.fill(want, 0, SparseFile.PAGE, (byte) 7);
        want[SparseFile.PAGE + 100] = 1;
        want[SparseFile.PAGE + 101] = 2;
        want[SparseFile.PAGE + 60_000] = 3;
        assertThat(back).isEqualTo(want);
    }
}
