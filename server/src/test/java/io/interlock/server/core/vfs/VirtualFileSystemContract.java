package io.interlock.server.core.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.server.core.time.VirtualServerClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Everything the {@link VirtualFileSystem} Javadoc promises, as one suite that every store runs
 * (STYLE.md rule 10). A store that differs inherently overrides a capability hook and says why.
 */
public abstract class VirtualFileSystemContract {
    protected final VirtualServerClock clock = new VirtualServerClock();
    protected VirtualFileSystem fs;
    protected FileId root;

    /** A fresh, empty store whose times come from {@code clock}. */
    protected abstract VirtualFileSystem createStore(Clock clock) throws Exception;

    /** Whether ctime comes from the injected clock (a host store cannot set ctime). */
    protected boolean ctimeFromInjectedClock() {
        return true;
    }

    /** Whether reads leave atime alone (a host store follows the host's atime policy). */
    protected boolean readsKeepAtime() {
        return true;
    }

    @BeforeEach
    void setUpStore() throws Exception {
        fs = createStore(clock.asJavaClock());
        root = fs.root();
    }

    @AfterEach
    void tearDownStore() throws Exception {
        if (fs instanceof AutoCloseable c) {
            c.close();
        }
    }

    protected static void assertFsError(FsError expected, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOf(FsException.class)
                .extracting(e -> ((FsException) e).error())
                .isEqualTo(expected);
    }

    protected FileId file(String name) throws FsException {
        return fs.createFile(root, name, SetAttributes.NONE, CreateMode.EXCLUSIVE);
    }

    protected FileAttributes attrs(FileId id) throws FsException {
        return fs.getAttributes(id);
    }

    protected void write(FileId f, long offset, String s) throws FsException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        fs.write(f, offset, b, 0, b.length);
    }

    protected void tick() {
        clock.advance(Duration.ofSeconds(1));
    }

    protected List<String> listAll(FileId dir) throws FsException {
        List<String> names = new ArrayList<>();
        long cookie = 0;
        while (true) {
            DirPage page = fs.readDirectory(dir, cookie, 2);
            for (DirEntry e : page.entries()) {
                names.add(e.name());
                cookie = e.cookie();
            }
            if (page.eof()) {
                return names;
            }
        }
    }

    // ---- names

    @Test
    void create_invalidNames_invalidName() {
        for (String bad : new String[] {"", ".", "..", "a/b", "a\0b"}) {
            assertFsError(FsError.INVALID_NAME, () -> file(bad));
            assertFsError(FsError.INVALID_NAME, () -> fs.mkdir(root, bad, SetAttributes.NONE));
        }
    }

    @Test
    void create_nameLongerThan255Utf8Bytes_nameTooLong() throws FsException {
        String max = "é".repeat(127) + "x"; // 255 bytes
        assertThat(max.getBytes(StandardCharsets.UTF_8)).hasSize(255);
        file(max);
        assertFsError(FsError.NAME_TOO_LONG, () -> file("é".repeat(128))); // 256 bytes
    }

    @Test
    void lookup_caseSensitive() throws FsException {
        FileId a = file("Name");
        FileId b = file("name");
        assertThat(a).isNotEqualTo(b);
        assertThat(fs.lookup(root, "Name")).isEqualTo(a);
        assertFsError(FsError.NOT_FOUND, () -> fs.lookup(root, "NAME"));
    }

    @Test
    void lookup_dotAndDotDot() throws FsException {
        FileId d = fs.mkdir(root, "d", SetAttributes.NONE);
        assertThat(fs.lookup(d, ".")).isEqualTo(d);
        assertThat(fs.lookup(d, "..")).isEqualTo(root);
        assertThat(fs.lookup(root, "..")).isEqualTo(root);
        assertThat(fs.parentOf(root)).isEqualTo(root);
        assertThat(fs.parentOf(d)).isEqualTo(root);
    }

    @Test
    void lookup_inFile_notDirectory() throws FsException {
        FileId f = file("f");
        assertFsError(FsError.NOT_DIRECTORY, () -> fs.lookup(f, "x"));
        assertFsError(FsError.NOT_FOUND, () -> fs.lookup(root, "missing"));
    }

    // ---- ids

    @Test
    void removedObject_stale() throws FsException {
        FileId f = file("f");
        fs.remove(root, "f");
        assertFsError(FsError.STALE, () -> fs.getAttributes(f));
        assertFsError(FsError.STALE, () -> fs.read(f, 0, 1));
        FileId d = fs.mkdir(root, "d", SetAttributes.NONE);
        fs.rmdir(root, "d");
        assertFsError(FsError.STALE, () -> fs.readDirectory(d, 0, 10));
    }

    @Test
    void neverIssuedId_stale() {
        assertFsError(FsError.STALE, () -> fs.getAttributes(new FileId(0x7FFF_FFFF_FFFF_FFF0L)));
    }

    @Test
    void ids_neverReused() throws FsException {
        Set<FileId> seen = new HashSet<>();
        seen.add(root);
        for (int i = 0; i < 50; i++) {
            FileId f = file("f");
            assertThat(seen.add(f)).as("id %s reused", f).isTrue();
            fs.remove(root, "f");
        }
    }

    @Test
    void attributes_idMatches() throws FsException {
        FileId f = file("f");
        assertThat(attrs(f).id()).isEqualTo(f);
        assertThat(attrs(f).type()).isEqualTo(FileType.REGULAR);
        assertThat(attrs(root).type()).isEqualTo(FileType.DIRECTORY);
    }

    // ---- create

    @Test
    void createFile_exclusiveOverExisting_exists_openExistingReturnsIt() throws FsException {
        FileId f = file("f");
        assertFsError(FsError.EXISTS, () -> file("f"));
        assertThat(fs.createFile(root, "f", SetAttributes.NONE, CreateMode.OPEN_EXISTING))
                .isEqualTo(f);
        fs.mkdir(root, "d", SetAttributes.NONE);
        assertFsError(
                FsError.IS_DIRECTORY, () -> fs.createFile(root, "d", SetAttributes.NONE, CreateMode.OPEN_EXISTING));
        assertFsError(FsError.EXISTS, () -> fs.mkdir(root, "f", SetAttributes.NONE));
    }

    @Test
    void createFile_initialAttributesApplied() throws FsException {
        FileId f = fs.createFile(
                root, "f", new SetAttributes(0600, null, null, 5L, null, null, null, null), CreateMode.EXCLUSIVE);
        assertThat(attrs(f).mode()).isEqualTo(0600);
        assertThat(attrs(f).size()).isEqualTo(5);
    }

    @Test
    void createFile_inFileOrStaleDir_fails() throws FsException {
        FileId f = file("f");
        assertFsError(FsError.NOT_DIRECTORY, () -> fs.createFile(f, "x", SetAttributes.NONE, CreateMode.EXCLUSIVE));
        FileId d = fs.mkdir(root, "d", SetAttributes.NONE);
        fs.rmdir(root, "d");
        assertFsError(FsError.STALE, () -> fs.createFile(d, "x", SetAttributes.NONE, CreateMode.EXCLUSIVE));
    }

    // ---- times and changeId

    @Test
    void write_updatesMtimeCtimeAndChangeId() throws FsException {
        FileId f = file("f");
        FileAttributes before = attrs(f);
        tick();
        write(f, 0, "x");
        FileAttributes after = attrs(f);
        assertThat(after.mtime()).isAfter(before.mtime());
        assertThat(after.mtime()).isEqualTo(clock.instant());
        if (ctimeFromInjectedClock()) {
            assertThat(after.ctime()).isEqualTo(clock.instant());
        }
        assertThat(after.changeId()).isGreaterThan(before.changeId());
    }

    @Test
    void setAttributesMode_updatesCtimeNotMtime() throws FsException {
        FileId f = file("f");
        FileAttributes before = attrs(f);
        tick();
        FileAttributes after = fs.setAttributes(f, SetAttributes.mode(0600));
        assertThat(after.mode()).isEqualTo(0600);
        assertThat(after.mtime()).isEqualTo(before.mtime());
        if (ctimeFromInjectedClock()) {
            assertThat(after.ctime()).isEqualTo(clock.instant());
        }
        assertThat(after.changeId()).isGreaterThan(before.changeId());
    }

    @Test
    void changeId_strictlyIncreasesOnEveryChange() throws FsException {
        FileId f = file("f");
        long last = attrs(f).changeId();
        for (int i = 0; i < 5; i++) { // no clock tick: the counter, not the time, must move
            write(f, i, "y");
            long now = attrs(f).changeId();
            assertThat(now).isGreaterThan(last);
            last = now;
        }
        fs.setAttributes(f, SetAttributes.size(1));
        assertThat(attrs(f).changeId()).isGreaterThan(last);
    }

    @Test
    void createAndRemoveEntry_updateParentMtime() throws FsException {
        FileId d = fs.mkdir(root, "d", SetAttributes.NONE);
        Instant t0 = attrs(d).mtime();
        long c0 = attrs(d).changeId();
        tick();
        fs.createFile(d, "f", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        assertThat(attrs(d).mtime()).isEqualTo(clock.instant()).isAfter(t0);
        assertThat(attrs(d).changeId()).isGreaterThan(c0);
        tick();
        fs.remove(d, "f");
        assertThat(attrs(d).mtime()).isEqualTo(clock.instant());
    }

    @Test
    void read_doesNotUpdateAtime() throws FsException {
        FileId f = file("f");
        write(f, 0, "data");
        Instant atime = attrs(f).atime();
        tick();
        fs.read(f, 0, 4);
        if (readsKeepAtime()) {
            assertThat(attrs(f).atime()).isEqualTo(atime);
        }
        assertThat(attrs(f).changeId()).isEqualTo(attrs(f).changeId());
    }

    @Test
    void setAttributes_explicitTimes_kept() throws FsException {
        FileId f = file("f");
        Instant t = Instant.parse("2020-02-02T02:02:02Z");
        fs.setAttributes(f, new SetAttributes(null, null, null, null, t, t, null, null));
        assertThat(attrs(f).mtime()).isEqualTo(t);
        assertThat(attrs(f).atime()).isEqualTo(t);
    }

    // ---- data

    @Test
    void write_pastEof_zeroFillsGap() throws FsException {
        FileId f = file("f");
        write(f, 10, "ab");
        assertThat(attrs(f).size()).isEqualTo(12);
        ReadResult r = fs.read(f, 0, 100);
        byte[] expected = new byte[12];
        expected[10] = 'a';
        expected[11] = 'b';
        assertThat(r.data()).isEqualTo(expected);
        assertThat(r.eof()).isTrue();
    }

    @Test
    void read_pastEof_emptyWithEof() throws FsException {
        FileId f = file("f");
        write(f, 0, "abc");
        assertThat(fs.read(f, 3, 10).data()).isEmpty();
        assertThat(fs.read(f, 3, 10).eof()).isTrue();
        assertThat(fs.read(f, 100, 10).eof()).isTrue();
        ReadResult part = fs.read(f, 0, 2);
        assertThat(new String(part.data(), StandardCharsets.UTF_8)).isEqualTo("ab");
        assertThat(part.eof()).isFalse();
        assertThat(fs.read(f, 1, 2).eof()).isTrue();
    }

    @Test
    void readInto_directBuffer_fillsFromPositionAndAdvances_eofAtEnd() throws FsException {
        FileId f = file("f");
        write(f, 0, "abcdef");
        java.nio.ByteBuffer dst = java.nio.ByteBuffer.allocateDirect(16);
        dst.position(3);
        dst.limit(7);
        ReadExtent part = fs.readInto(f, 1, dst);
        assertThat(part).isEqualTo(new ReadExtent(4, false));
        assertThat(dst.position()).isEqualTo(7);
        byte[] got = new byte[4];
        dst.get(3, got);
        assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo("bcde");
        dst.clear();
        assertThat(fs.readInto(f, 4, dst)).isEqualTo(new ReadExtent(2, true));
        assertThat(fs.readInto(f, 6, dst)).isEqualTo(new ReadExtent(0, true));
        assertFsError(FsError.INVALID_ARGUMENT, () -> fs.readInto(f, -1, dst));
    }

    @Test
    void writeBuffer_directSlice_writesItsRemainingBytesAndConsumesThem() throws FsException {
        FileId f = file("f");
        java.nio.ByteBuffer src = java.nio.ByteBuffer.allocateDirect(8);
        src.put("xxhelloy".getBytes(StandardCharsets.UTF_8)).flip();
        src.position(2).limit(7);
        FileAttributes a = fs.write(f, 3, src);
        assertThat(src.remaining()).isZero();
        assertThat(a.size()).isEqualTo(8);
        assertThat(fs.read(f, 0, 8).data()).isEqualTo(new byte[] {0, 0, 0, 'h', 'e', 'l', 'l', 'o'});
    }

    @Test
    void writeBuffer_largeAcrossManyPages_readsBackWholeAndInPieces() throws FsException {
        FileId f = file("big");
        byte[] data = new byte[1_000_003];
        new java.util.Random(11).nextBytes(data);
        java.nio.ByteBuffer src = java.nio.ByteBuffer.allocateDirect(data.length);
        src.put(data).flip();
        fs.write(f, 4_000, src);
        java.nio.ByteBuffer all = java.nio.ByteBuffer.allocateDirect(data.length + 10);
        assertThat(fs.readInto(f, 4_000, all)).isEqualTo(new ReadExtent(data.length, true));
        byte[] back = new byte[data.length];
        all.flip().get(back);
        assertThat(back).isEqualTo(data);
        assertThat(fs.read(f, 0, 4_000).data()).containsOnly(0);
        assertThat(fs.read(f, 4_000 + 65_000, 70_000).data())
                .isEqualTo(java.util.Arrays.copyOfRange(data, 65_000, 135_000));
    }

    @Test
    void write_beyondMaxFileSize_fileTooLarge() throws FsException {
        FileId f = file("f");
        byte[] two = new byte[2];
        assertFsError(FsError.FILE_TOO_LARGE, () -> fs.write(f, VirtualFileSystem.MAX_FILE_SIZE - 1, two, 0, 2));
    }

    @Test
    void readWrite_directory_isDirectory() throws FsException {
        FileId d = fs.mkdir(root, "d", SetAttributes.NONE);
        assertFsError(FsError.IS_DIRECTORY, () -> fs.read(d, 0, 1));
        assertFsError(FsError.IS_DIRECTORY, () -> fs.write(d, 0, new byte[1], 0, 1));
        assertFsError(FsError.IS_DIRECTORY, () -> fs.setAttributes(d, SetAttributes.size(0)));
    }

    @Test
    void truncateThenExtend_readsZeros() throws FsException {
        FileId f = file("f");
        write(f, 0, "abcdef");
        fs.setAttributes(f, SetAttributes.size(2));
        assertThat(attrs(f).size()).isEqualTo(2);
        fs.setAttributes(f, SetAttributes.size(6));
        assertThat(fs.read(f, 0, 6).data()).isEqualTo(new byte[] {'a', 'b', 0, 0, 0, 0});
    }

    @Test
    void commit_liveFile_ok_staleFile_stale() throws FsException {
        FileId f = file("f");
        write(f, 0, "x");
        fs.commit(f);
        fs.remove(root, "f");
        assertFsError(FsError.STALE, () -> fs.commit(f));
    }

    // ---- symlinks

    @Test
    void symlink_targetVerbatim() throws FsException {
        FileId l = fs.symlink(root, "l", "../../outside/x", SetAttributes.NONE);
        assertThat(fs.readlink(l)).isEqualTo("../../outside/x");
        assertThat(attrs(l).type()).isEqualTo(FileType.SYMLINK);
        assertThat(attrs(l).size()).isEqualTo("../../outside/x".length());
        assertThat(fs.lookup(root, "l")).isEqualTo(l);
        FileId f = file("f");
        assertFsError(FsError.INVALID_ARGUMENT, () -> fs.readlink(f));
    }

    // ---- directories

    @Test
    void readDirectory_listsEntriesWithoutDotsAndNonZeroCookies() throws FsException {
        FileId a = file("a");
        fs.mkdir(root, "b", SetAttributes.NONE);
        DirPage page = fs.readDirectory(root, 0, 100);
        assertThat(page.eof()).isTrue();
        assertThat(page.entries()).extracting(DirEntry::name).containsExactlyInAnyOrder("a", "b");
        assertThat(page.entries()).allSatisfy(e -> assertThat(e.cookie()).isNotZero());
        DirEntry ea = page.entries().stream()
                .filter(e -> e.name().equals("a"))
                .findFirst()
                .orElseThrow();
        assertThat(ea.id()).isEqualTo(a);
        assertThat(ea.attributes().id()).isEqualTo(a);
    }

    @Test
    void readDirectory_pagesInStableOrder() throws FsException {
        for (int i = 0; i < 7; i++) {
            file("f" + i);
        }
        List<String> first = listAll(root);
        assertThat(first).hasSize(7).doesNotHaveDuplicates();
        assertThat(listAll(root)).isEqualTo(first);
    }

    @Test
    void readDirectory_cookieOfRemovedEntry_continuesAfterIt() throws FsException {
        for (int i = 0; i < 6; i++) {
            file("f" + i);
        }
        DirPage p1 = fs.readDirectory(root, 0, 3);
        List<String> all = listAll(root);
        DirEntry last = p1.entries().get(2);
        fs.remove(root, last.name());
        DirPage p2 = fs.readDirectory(root, last.cookie(), 100);
        assertThat(p2.entries()).extracting(DirEntry::name).containsExactlyElementsOf(all.subList(3, 6));
        assertThat(p2.verifier()).isEqualTo(p1.verifier());
    }

    @Test
    void readDirectory_concurrentInsertsAndDeletes_noBadCookieNoDuplicatesNoMisses() throws FsException {
        for (int i = 0; i < 10; i++) {
            file("keep" + i);
            file("drop" + i);
        }
        List<String> seen = new ArrayList<>();
        long cookie = 0;
        int round = 0;
        while (true) {
            DirPage page = fs.readDirectory(root, cookie, 3);
            for (DirEntry e : page.entries()) {
                seen.add(e.name());
                cookie = e.cookie();
            }
            if (page.eof()) {
                break;
            }
            fs.remove(root, "drop" + round); // churn between pages
            file("new" + round);
            round++;
        }
        assertThat(seen).doesNotHaveDuplicates();
        for (int i = 0; i < 10; i++) {
            assertThat(seen).contains("keep" + i);
        }
    }

    @Test
    void readDirectory_unissuedCookie_badCookie() throws FsException {
        file("a");
        assertFsError(FsError.BAD_COOKIE, () -> fs.readDirectory(root, 0x7FFF_FFFF_FFFFL, 10));
    }

    @Test
    void readDirectory_ofFile_notDirectory() throws FsException {
        FileId f = file("f");
        assertFsError(FsError.NOT_DIRECTORY, () -> fs.readDirectory(f, 0, 10));
    }

    // ---- rename

    @Test
    void rename_fileToNewName_sameId() throws FsException {
        FileId f = file("a");
        write(f, 0, "x");
        fs.rename(root, "a", root, "b");
        assertThat(fs.lookup(root, "b")).isEqualTo(f);
        assertFsError(FsError.NOT_FOUND, () -> fs.lookup(root, "a"));
        assertThat(fs.read(f, 0, 1).data()).containsExactly('x');
    }

    @Test
    void rename_fileOverFile_replacesTarget() throws FsException {
        FileId a = file("a");
        FileId b = file("b");
        fs.rename(root, "a", root, "b");
        assertThat(fs.lookup(root, "b")).isEqualTo(a);
        assertFsError(FsError.STALE, () -> fs.getAttributes(b));
        assertThat(listAll(root)).containsExactly("b");
    }

    @Test
    void rename_incompatibleTargets_fail() throws FsException {
        file("f");
        FileId d = fs.mkdir(root, "d", SetAttributes.NONE);
        fs.mkdir(root, "e", SetAttributes.NONE);
        fs.createFile(d, "inner", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        assertFsError(FsError.IS_DIRECTORY, () -> fs.rename(root, "f", root, "e"));
        assertFsError(FsError.NOT_DIRECTORY, () -> fs.rename(root, "e", root, "f"));
        assertFsError(FsError.NOT_EMPTY, () -> fs.rename(root, "e", root, "d"));
        assertFsError(FsError.NOT_FOUND, () -> fs.rename(root, "missing", root, "x"));
    }

    @Test
    void rename_directoryOverEmptyDirectory_replaces() throws FsException {
        FileId d = fs.mkdir(root, "d", SetAttributes.NONE);
        FileId e = fs.mkdir(root, "e", SetAttributes.NONE);
        fs.rename(root, "d", root, "e");
        assertThat(fs.lookup(root, "e")).isEqualTo(d);
        assertFsError(FsError.STALE, () -> fs.getAttributes(e));
        assertThat(attrs(root).nlink()).isEqualTo(3);
    }

    @Test
    void rename_sameObject_noChange() throws FsException {
        FileId f = file("a");
        fs.rename(root, "a", root, "a");
        fs.link(f, root, "b");
        fs.rename(root, "a", root, "b"); // hard links to one object: nothing happens
        assertThat(fs.lookup(root, "a")).isEqualTo(f);
        assertThat(fs.lookup(root, "b")).isEqualTo(f);
        assertThat(attrs(f).nlink()).isEqualTo(2);
    }

    @Test
    void rename_directoryIntoOwnSubtree_invalidArgument() throws FsException {
        FileId d = fs.mkdir(root, "d", SetAttributes.NONE);
        FileId sub = fs.mkdir(d, "sub", SetAttributes.NONE);
        assertFsError(FsError.INVALID_ARGUMENT, () -> fs.rename(root, "d", sub, "x"));
        assertFsError(FsError.INVALID_ARGUMENT, () -> fs.rename(root, "d", d, "x"));
    }

    @Test
    void rename_directoryAcrossParents_movesLinkCountsAndParent() throws FsException {
        FileId a = fs.mkdir(root, "a", SetAttributes.NONE);
        FileId b = fs.mkdir(root, "b", SetAttributes.NONE);
        FileId d = fs.mkdir(a, "d", SetAttributes.NONE);
        assertThat(attrs(a).nlink()).isEqualTo(3);
        fs.rename(a, "d", b, "d2");
        assertThat(attrs(a).nlink()).isEqualTo(2);
        assertThat(attrs(b).nlink()).isEqualTo(3);
        assertThat(fs.parentOf(d)).isEqualTo(b);
        assertThat(fs.lookup(d, "..")).isEqualTo(b);
    }

    @Test
    void rename_fileKeepsItsData_andChildrenOfMovedDirStayReachable() throws FsException {
        FileId d = fs.mkdir(root, "d", SetAttributes.NONE);
        FileId f = fs.createFile(d, "f", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        write(f, 0, "hello");
        fs.rename(root, "d", root, "e");
        FileId e = fs.lookup(root, "e");
        assertThat(fs.lookup(e, "f")).isEqualTo(f);
        assertThat(new String(fs.read(f, 0, 5).data(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    // ---- remove and rmdir

    @Test
    void remove_directory_isDirectory_rmdir_file_notDirectory() throws FsException {
        fs.mkdir(root, "d", SetAttributes.NONE);
        file("f");
        assertFsError(FsError.IS_DIRECTORY, () -> fs.remove(root, "d"));
        assertFsError(FsError.NOT_DIRECTORY, () -> fs.rmdir(root, "f"));
        assertFsError(FsError.NOT_FOUND, () -> fs.remove(root, "missing"));
        assertFsError(FsError.NOT_FOUND, () -> fs.rmdir(root, "missing"));
    }

    @Test
    void rmdir_nonEmpty_notEmpty() throws FsException {
        FileId d = fs.mkdir(root, "d", SetAttributes.NONE);
        fs.createFile(d, "f", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        assertFsError(FsError.NOT_EMPTY, () -> fs.rmdir(root, "d"));
        fs.remove(d, "f");
        fs.rmdir(root, "d");
        assertThat(listAll(root)).isEmpty();
    }

    @Test
    void remove_symlink_removesLinkOnly() throws FsException {
        FileId f = file("f");
        fs.symlink(root, "l", "f", SetAttributes.NONE);
        fs.remove(root, "l");
        assertThat(attrs(f).nlink()).isEqualTo(1);
    }

    // ---- link counts

    @Test
    void linkCounts_files() throws FsException {
        FileId f = file("f");
        assertThat(attrs(f).nlink()).isEqualTo(1);
        long c0 = attrs(f).changeId();
        fs.link(f, root, "g");
        assertThat(attrs(f).nlink()).isEqualTo(2);
        assertThat(attrs(f).changeId()).isGreaterThan(c0);
        assertThat(fs.lookup(root, "g")).isEqualTo(f);
        fs.remove(root, "f");
        assertThat(attrs(f).nlink()).isEqualTo(1);
        write(f, 0, "still here");
        assertThat(fs.read(fs.lookup(root, "g"), 0, 5).data()).hasSize(5);
    }

    @Test
    void linkCounts_directories() throws FsException {
        assertThat(attrs(root).nlink()).isEqualTo(2);
        FileId d = fs.mkdir(root, "d", SetAttributes.NONE);
        assertThat(attrs(d).nlink()).isEqualTo(2);
        assertThat(attrs(root).nlink()).isEqualTo(3);
        fs.mkdir(d, "e", SetAttributes.NONE);
        assertThat(attrs(d).nlink()).isEqualTo(3);
        file("f"); // files do not count
        assertThat(attrs(root).nlink()).isEqualTo(3);
        fs.rmdir(d, "e");
        assertThat(attrs(d).nlink()).isEqualTo(2);
    }

    @Test
    void link_directoryOrExistingName_fails() throws FsException {
        FileId d = fs.mkdir(root, "d", SetAttributes.NONE);
        FileId f = file("f");
        file("g");
        assertFsError(FsError.IS_DIRECTORY, () -> fs.link(d, root, "d2"));
        assertFsError(FsError.EXISTS, () -> fs.link(f, root, "g"));
        assertFsError(FsError.INVALID_NAME, () -> fs.link(f, root, ".."));
    }

    // ---- threads

    @Test
    void concurrentCreates_allPresentWithUniqueIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<FileId>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String name = "c" + i;
                futures.add(pool.submit(() -> file(name)));
            }
            Set<FileId> ids = new HashSet<>();
            for (Future<FileId> fu : futures) {
                ids.add(fu.get(30, TimeUnit.SECONDS));
            }
            assertThat(ids).hasSize(40);
            assertThat(listAll(root)).hasSize(40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void stats_sane() {
        FsStats s = fs.stats();
        assertThat(s.totalBytes()).isPositive();
        assertThat(s.freeBytes()).isBetween(0L, s.totalBytes());
    }
}
