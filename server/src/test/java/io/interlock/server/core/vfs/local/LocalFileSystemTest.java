package io.interlock.server.core.vfs.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsError;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.core.vfs.VirtualFileSystemContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a host directory, plus what only a host store has: restarts and confinement. */
class LocalFileSystemTest extends VirtualFileSystemContract {
    @TempDir
    Path tmp;

    private Path shareDir;

    @Override
    protected VirtualFileSystem createStore(Clock clock) throws Exception {
        shareDir = Files.createDirectories(tmp.resolve("share"));
        return new LocalFileSystem(shareDir, clock);
    }

    /** The host sets ctime itself; user space cannot set it to the injected clock. */
    @Override
    protected boolean ctimeFromInjectedClock() {
        return false;
    }

    /** The host's atime policy (relatime) may update atime on a read. */
    @Override
    protected boolean readsKeepAtime() {
        return false;
    }

    @Test
    void restart_existingObjectsKeepTheirIds() throws Exception {
        FileId d = fs.mkdir(root, "d", SetAttributes.NONE);
        FileId f = fs.createFile(d, "f", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        write(f, 0, "persist");
        FileId l = fs.symlink(d, "l", "f", SetAttributes.NONE);

        LocalFileSystem again = new LocalFileSystem(shareDir, clock.asJavaClock());
        assertThat(again.root()).isEqualTo(root);
        assertThat(again.getAttributes(f).size()).isEqualTo(7); // resolvable without a lookup
        assertThat(again.getAttributes(d).type()).isEqualTo(FileType.DIRECTORY);
        assertThat(again.lookup(d, "f")).isEqualTo(f);
        assertThat(again.readlink(l)).isEqualTo("f");
        assertThat(again.parentOf(f)).isEqualTo(d);
    }

    @Test
    void restart_removedFileWhoseInodeWasReused_isStaleNeverTheNewFile() throws Exception {
        FileId old = fs.createFile(root, "victim", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        write(old, 0, "old secret");
        Path victim = shareDir.resolve("victim");
        long ino = (Long) Files.getAttribute(victim, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        // the server stops; on the host the file goes and new files take its inode number
        Files.delete(victim);
        Path reused = null;
        for (int i = 0; i < 200 && reused == null; i++) {
            Path p = Files.writeString(shareDir.resolve("new" + i), "new data " + i);
            if ((Long) Files.getAttribute(p, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS) == ino) {
                reused = p;
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(
                reused != null, "the host file system did not reuse the inode within 200 creates");
        LocalFileSystem again = new LocalFileSystem(shareDir, clock.asJavaClock());
        assertThatThrownBy(() -> again.getAttributes(old))
                .isInstanceOf(FsException.class)
                .extracting(e -> ((FsException) e).error())
                .isEqualTo(FsError.STALE);
        assertThatThrownBy(() -> again.read(old, 0, 100)).isInstanceOf(FsException.class);
        FileId now = again.lookup(again.root(), reused.getFileName().toString());
        assertThat(now).isNotEqualTo(old);
    }

    @Test
    void hostSymlinkToOutside_isNeverFollowed() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "secret");
        Files.createSymbolicLink(shareDir.resolve("out"), outside);
        Files.createSymbolicLink(shareDir.resolve("secretlink"), outside.resolve("secret"));

        FileId out = fs.lookup(root, "out");
        assertThat(fs.getAttributes(out).type()).isEqualTo(FileType.SYMLINK);
        assertFsError(FsError.NOT_DIRECTORY, () -> fs.lookup(out, "secret"));
        assertFsError(FsError.NOT_DIRECTORY, () -> fs.readDirectory(out, 0, 10));
        assertFsError(FsError.NOT_DIRECTORY, () -> fs.createFile(out, "x", SetAttributes.NONE, CreateMode.EXCLUSIVE));
        FileId link = fs.lookup(root, "secretlink");
        assertFsError(FsError.INVALID_ARGUMENT, () -> fs.read(link, 0, 10));
        assertFsError(FsError.INVALID_ARGUMENT, () -> fs.write(link, 0, new byte[1], 0, 1));
        FileId opened = fs.createFile(root, "secretlink", SetAttributes.NONE, CreateMode.OPEN_EXISTING);
        assertFsError(FsError.INVALID_ARGUMENT, () -> fs.setAttributes(opened, SetAttributes.size(0)));
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("secret");
        assertThat(Files.exists(outside.resolve("x"))).isFalse();
    }

    @Test
    void dotDotAtRoot_staysAtRoot() throws Exception {
        assertThat(fs.lookup(root, "..")).isEqualTo(root);
        assertFsError(
                FsError.INVALID_NAME, () -> fs.createFile(root, "../escape", SetAttributes.NONE, CreateMode.EXCLUSIVE));
        assertThat(Files.exists(tmp.resolve("escape"))).isFalse();
    }

    @Test
    void directorySwappedForSymlinkOnHost_refused() throws Exception {
        FileId d = fs.mkdir(root, "d", SetAttributes.NONE);
        Path outside = Files.createDirectories(tmp.resolve("outside2"));
        Files.delete(shareDir.resolve("d"));
        Files.createSymbolicLink(shareDir.resolve("d"), outside);
        // STALE when the symlink got another inode, NOT_DIRECTORY when the host reused d's inode
        assertThatThrownBy(() -> fs.createFile(d, "x", SetAttributes.NONE, CreateMode.EXCLUSIVE))
                .isInstanceOf(FsException.class)
                .extracting(e -> ((FsException) e).error())
                .isIn(FsError.STALE, FsError.NOT_DIRECTORY);
        assertThat(Files.exists(outside.resolve("x"))).isFalse();
    }

    @Test
    void hostChanges_visibleThroughStore() throws Exception {
        Files.writeString(shareDir.resolve("external"), "abc");
        FileId e = fs.lookup(root, "external");
        assertThat(fs.getAttributes(e).size()).isEqualTo(3);
        assertThat(listAll(root)).contains("external");
        Files.delete(shareDir.resolve("external"));
        assertFsError(FsError.STALE, () -> fs.getAttributes(e));
    }
}
