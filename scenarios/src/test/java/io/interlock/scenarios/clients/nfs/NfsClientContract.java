package io.interlock.scenarios.clients.nfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NfsClient} must do against a real NFSv3 server: each method, and the statuses
 * the engine relies on (RFC 1813 §3.3; the catalog's §2.4 table: NOENT, EXIST, NOTEMPTY, ISDIR).
 * Subclasses give the client and server. Each test works in a directory of its own.
 */
abstract class NfsClientContract {
    private static final AtomicInteger DIRS = new AtomicInteger();

    /** The client under test (connected to an empty export). */
    protected abstract NfsClient client();

    /** A new, empty directory for the calling test. */
    protected String freshDir() throws IOException {
        String d = "c" + DIRS.incrementAndGet();
        client().mkdir(d);
        return d;
    }

    protected static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    protected static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    protected static void assertStatus(ThrowingCallable call, String status) {
        assertThatThrownBy(call).isInstanceOf(Nfs3StatusException.class).satisfies(e -> {
            assertThat(NfsClient.statusOf(e)).isEqualTo(status);
            // the nfs-client-java contract the engine used before keeps working
            assertThat(NfsClientDriver.statusOf(e)).isEqualTo(status);
        });
    }

    @Test
    void write_newFile_createdAndReadBackWholeAndInRanges() throws Exception {
        String f = freshDir() + "/w.txt";
        assertThat(client().write(f, 0, ascii("hello"))).isEqualTo(5);
        assertThat(client().write(f, 5, ascii(" world"))).isEqualTo(6);
        assertThat(text(client().read(f))).isEqualTo("hello world");
        assertThat(text(client().read(f, 6, 100))).isEqualTo("world");
        assertThat(text(client().read(f, 2, 3))).isEqualTo("llo");
        assertThat(client().read(f, 11, 10)).isEmpty();
        NfsAttrs a = client().getattr(f);
        assertThat(a.type()).isEqualTo("NF3REG");
        assertThat(a.size()).isEqualTo(11);
        assertThat(a.fileId()).isNotZero();
        assertThat(a.nlink()).isEqualTo(1);
        assertThat(a.mode()).isBetween(0L, 07777L);
        assertThat(a.mtime()).isNotNull();
        assertThat(client().getattr("").type()).isEqualTo("NF3DIR");
    }

    @Test
    void write_largeData_spansSeveralRpcsAndReadsBackIdentical() throws Exception {
        String f = freshDir() + "/big";
        byte[] data = new byte[(5 << 19) + 123]; // 2.5 MiB and a bit: several READ/WRITE chunks
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >>> 11));
        }
        assertThat(client().write(f, 0, data)).isEqualTo(data.length);
        assertThat(Arrays.equals(client().read(f), data)).isTrue();
        byte[] mid = client().read(f, 1_000_000, 70_000);
        assertThat(Arrays.equals(mid, Arrays.copyOfRange(data, 1_000_000, 1_070_000)))
                .isTrue();
        assertThat(client().getattr(f).size()).isEqualTo(data.length);
    }

    @Test
    void writeExisting_missingFile_failsNoentAndCreatesNothing() throws Exception {
        String d = freshDir();
        assertStatus(() -> client().writeExisting(d + "/nope", 0, ascii("x")), "NFS3ERR_NOENT");
        assertThat(client().exists(d + "/nope")).isFalse();
        client().write(d + "/yes", 0, ascii("abc"));
        assertThat(client().writeExisting(d + "/yes", 1, ascii("Z"))).isEqualTo(1);
        assertThat(text(client().read(d + "/yes"))).isEqualTo("aZc");
    }

    @Test
    void write_directory_failsIsdir() throws Exception {
        String d = freshDir();
        client().mkdir(d + "/sub");
        assertStatus(() -> client().write(d + "/sub", 0, ascii("x")), "NFS3ERR_ISDIR");
    }

    @Test
    void write_missingParentDirectory_failsNoent() throws Exception {
        String d = freshDir();
        assertStatus(() -> client().write(d + "/no/such/f", 0, ascii("x")), "NFS3ERR_NOENT");
    }

    @Test
    void createGuarded_existingName_failsExist() throws Exception {
        String f = freshDir() + "/c";
        client().create(f, Nfs3CreateMode.GUARDED, null);
        assertThat(client().getattr(f).size()).isZero();
        assertStatus(() -> client().create(f, Nfs3CreateMode.GUARDED, null), "NFS3ERR_EXIST");
    }

    @Test
    void createUnchecked_sizeZeroOverExistingFile_truncatesIt() throws Exception {
        String f = freshDir() + "/u";
        client().write(f, 0, ascii("0123456789"));
        client().create(f, Nfs3CreateMode.UNCHECKED, 0L);
        assertThat(client().getattr(f).size()).isZero();
        client().create(f, Nfs3CreateMode.UNCHECKED, null); // UNCHECKED of an existing name is OK
    }

    @Test
    void createExclusive_newName_createdWithSizeAndSecondCallerGetsExist() throws Exception {
        String f = freshDir() + "/x";
        client().create(f, Nfs3CreateMode.EXCLUSIVE, 5L);
        assertThat(client().getattr(f).size()).isEqualTo(5);
        // another EXCLUSIVE CREATE (another verifier) of the same name
        assertStatus(() -> client().create(f, Nfs3CreateMode.EXCLUSIVE, null), "NFS3ERR_EXIST");
    }

    @Test
    void setSize_extendThenTruncate_sizeAndContentFollow() throws Exception {
        String f = freshDir() + "/s";
        client().write(f, 0, ascii("abcdef"));
        client().setSize(f, 10);
        assertThat(client().getattr(f).size()).isEqualTo(10);
        client().setSize(f, 2);
        assertThat(text(client().read(f))).isEqualTo("ab");
        assertStatus(() -> client().setSize(f + "-missing", 0), "NFS3ERR_NOENT");
    }

    @Test
    void remove_existingMissingAndDirectory_removesThenNoentAndIsdir() throws Exception {
        String d = freshDir();
        client().write(d + "/r", 0, ascii("x"));
        client().remove(d + "/r");
        assertThat(client().exists(d + "/r")).isFalse();
        assertStatus(() -> client().remove(d + "/r"), "NFS3ERR_NOENT");
        client().mkdir(d + "/dir");
        assertStatus(() -> client().remove(d + "/dir"), "NFS3ERR_ISDIR");
    }

    @Test
    void rename_fileAndMissingSource_movesThenNoent() throws Exception {
        String d = freshDir();
        client().write(d + "/a", 0, ascii("x"));
        client().mkdir(d + "/sub");
        client().rename(d + "/a", d + "/sub/b");
        assertThat(client().exists(d + "/a")).isFalse();
        assertThat(text(client().read(d + "/sub/b"))).isEqualTo("x");
        assertStatus(() -> client().rename(d + "/a", d + "/c"), "NFS3ERR_NOENT");
    }

    @Test
    void mkdirRmdir_existingNonEmptyAndFile_existNotemptyNotdir() throws Exception {
        String d = freshDir();
        assertStatus(() -> client().mkdir(d), "NFS3ERR_EXIST");
        client().write(d + "/f", 0, ascii("x"));
        assertStatus(() -> client().rmdir(d), "NFS3ERR_NOTEMPTY");
        assertStatus(() -> client().rmdir(d + "/f"), "NFS3ERR_NOTDIR");
        client().mkdir(d + "/empty");
        client().rmdir(d + "/empty");
        assertThat(client().exists(d + "/empty")).isFalse();
        assertStatus(() -> client().rmdir(d + "/empty"), "NFS3ERR_NOENT");
    }

    @Test
    void link_existingFile_secondNameSameFileAndTakenNameExist() throws Exception {
        String d = freshDir();
        client().write(d + "/orig", 0, ascii("data"));
        client().link(d + "/orig", d + "/alias");
        NfsAttrs a = client().getattr(d + "/orig");
        NfsAttrs b = client().getattr(d + "/alias");
        assertThat(b.fileId()).isEqualTo(a.fileId());
        assertThat(a.nlink()).isEqualTo(2);
        assertThat(text(client().read(d + "/alias"))).isEqualTo("data");
        assertStatus(() -> client().link(d + "/orig", d + "/alias"), "NFS3ERR_EXIST");
        assertStatus(() -> client().link(d + "/missing", d + "/other"), "NFS3ERR_NOENT");
    }

    @Test
    void readdir_manyEntries_everyNameOnceWithoutDots() throws Exception {
        String d = freshDir();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // ~300 entries of ~40 bytes: more than one 8 KiB READDIR reply, so cookies are followed
            String n = String.format("entry-with-a-longish-name-%04d", i);
            names.add(n);
            client().create(d + "/" + n, Nfs3CreateMode.GUARDED, null);
        }
        assertThat(client().readdir(d)).containsExactlyInAnyOrderElementsOf(names);
        assertThat(client().readdir(d + "/")).hasSize(300);
        String empty = freshDir();
        assertThat(client().readdir(empty)).isEmpty();
        assertStatus(() -> client().readdir(d + "/nope"), "NFS3ERR_NOENT");
        assertStatus(() -> client().readdir(d + "/" + names.get(0)), "NFS3ERR_NOTDIR");
    }

    @Test
    void fileHandle_nestedPathAndMissing_handleThenNoent() throws Exception {
        String d = freshDir();
        client().write(d + "/h", 0, ascii("x"));
        byte[] fh = client().fileHandle(d + "/h");
        assertThat(fh).isNotEmpty().hasSizeLessThanOrEqualTo(64);
        assertThat(client().fileHandle("/" + d + "/h")).isEqualTo(fh);
        assertThat(client().fileHandle(d + "//h")).isEqualTo(fh);
        assertThat(client().fileHandle(d)).isNotEqualTo(fh);
        assertStatus(() -> client().fileHandle(d + "/missing"), "NFS3ERR_NOENT");
        assertThat(client().exists(d + "/h")).isTrue();
    }
}
