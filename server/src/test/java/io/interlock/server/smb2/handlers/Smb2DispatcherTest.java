package io.interlock.server.smb2.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LeaseRequest;
import io.interlock.server.core.lock.LeaseState;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.time.SystemServerClock;
import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.smb2.auth.Smb2Signing;
import io.interlock.server.smb2.session.Smb2Connection;
import io.interlock.server.smb2.wire.Smb2Dialect;
import io.interlock.server.smb2.wire.Smb2Header;
import io.interlock.server.smb2.wire.Smb2Reader;
import io.interlock.server.smb2.wire.Smb2Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher with real handlers and the in-memory store, driven by raw SMB2 bytes on a
 * capturing transport: compound chains ([MS-SMB2] 3.3.5.2.7), interim responses and CANCEL
 * (3.3.4.2, 3.3.5.16), CHANGE_NOTIFY (3.3.5.19).
 */
class Smb2DispatcherTest extends Smb2DispatcherFixture {
    private static final int CREATE = 5;
    private static final int CLOSE = 6;
    private static final int WRITE = 0x09;
    private static final int LOCK = 0x0A;
    private static final int READ = 8;
    private static final int CANCEL = 0x0C;
    private static final int ECHO = 0x0D;
    private static final int CHANGE_NOTIFY = 0x0F;
    private static final int QUERY_INFO = 0x10;
    private static final int SET_INFO = 0x11;
    private static final int RELATED = Smb2Header.FLAG_RELATED;
    private static final long ALL_ONES = -1L;

    Smb2DispatcherTest() {
        super(new SystemServerClock(), new LockManagerConfig(Duration.ofSeconds(30)));
    }

    @BeforeEach
    void setUp() throws Exception {
        fs.createFile(fs.root(), "f.txt", SetAttributes.NONE, CreateMode.EXCLUSIVE);
    }

    // ---- raw request building ----

    private byte[] header(int command, int flags, long mid, long asyncOrTree) {
        Smb2Writer w = new Smb2Writer();
        new Smb2Header(1, 0, command, 16, flags, 0, mid, asyncOrTree, session.id(), null).encode(w);
        return w.toByteArray();
    }

    private byte[] header(int command, int flags) {
        return header(command, flags, messageId++, 1L << 32);
    }

    private static byte[] create(byte[] hdr, String name, int disposition) {
        return create(hdr, name, disposition, 0x00120089); // read data/attributes
    }

    /** A CREATE with no oplock and {@code access} as its DesiredAccess. */
    private static byte[] create(byte[] hdr, String name, int disposition, int access) {
        Smb2Writer w = new Smb2Writer();
        w.bytes(hdr);
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        w.u16(57).u8(0).u8(0).u32(2).u64(0).u64(0);
        w.u32(access); // DesiredAccess
        w.u32(0).u32(7).u32(disposition).u32(0);
        w.u16(120).u16(n.length).u32(0).u32(0);
        w.bytes(n.length == 0 ? new byte[1] : n);
        return w.toByteArray();
    }

    /**
     * A CREATE asking for read+write data with an RqLs v2 context ([MS-SMB2] 2.2.13, 2.2.13.2.10):
     * RequestedOplockLevel 0xFF, the name, padded to 8, then one create context.
     */
    private static byte[] createLeased(byte[] hdr, String name, int disposition, UUID leaseKey) {
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        int ctxOffset = (120 + n.length + 7) & ~7;
        byte[] lease = new io.interlock.server.smb2.wire.LeaseContext(leaseKey, LeaseState.RWH, 0, null, 0, 2).encode();
        Smb2Writer w = new Smb2Writer();
        w.bytes(hdr);
        w.u16(57).u8(0).u8(0xFF).u32(2).u64(0).u64(0); // size, security, oplock LEASE, impersonation
        w.u32(0x0012019F); // DesiredAccess: read and write data
        w.u32(0).u32(7).u32(disposition).u32(0);
        w.u16(120).u16(n.length).u32(ctxOffset).u32(24 + lease.length);
        w.bytes(n);
        w.bytes(new byte[ctxOffset - 120 - n.length]);
        w.u32(0).u16(16).u16(4).u16(0).u16(24).u32(lease.length); // Next, name at 16, data at 24
        w.bytes("RqLs".getBytes(StandardCharsets.US_ASCII)).u32(0);
        w.bytes(lease);
        return w.toByteArray();
    }

    /** A WRITE ([MS-SMB2] 2.2.21) of {@code data} at {@code offset}, the data right after the body. */
    private static byte[] write(byte[] hdr, long fid, long offset, byte[] data) {
        Smb2Writer w = new Smb2Writer();
        w.bytes(hdr);
        w.u16(49).u16(64 + 48).u32(data.length).u64(offset); // StructureSize, DataOffset, Length, Offset
        w.u64(fid).u64(fid); // FileId
        w.u32(0).u32(0).u16(0).u16(0).u32(0); // Channel, RemainingBytes, WriteChannelInfo, Flags
        w.bytes(data);
        return w.toByteArray();
    }

    /**
     * A SET_INFO ([MS-SMB2] 2.2.39) of FileRenameInformation ([MS-FSCC] 2.4.37.2) to the
     * share-relative {@code target}, not replacing.
     */
    private static byte[] rename(byte[] hdr, long fid, String target) {
        byte[] n = target.getBytes(StandardCharsets.UTF_16LE);
        Smb2Writer w = new Smb2Writer();
        w.bytes(hdr);
        w.u16(33).u8(1).u8(10); // StructureSize, InfoType FILE, FileInfoClass FileRenameInformation
        w.u32(20 + n.length).u16(64 + 32).u16(0).u32(0); // BufferLength, BufferOffset, Reserved, AdditionalInfo
        w.u64(fid).u64(fid); // FileId
        w.u8(0).u8(0).u16(0).u32(0).u64(0); // ReplaceIfExists, Reserved (7), RootDirectory
        w.u32(n.length).bytes(n); // FileNameLength, FileName
        return w.toByteArray();
    }

    /** A LOCK ([MS-SMB2] 2.2.26) with one element. */
    private static byte[] lock(byte[] hdr, long fid, long offset, long length, int flags) {
        Smb2Writer w = new Smb2Writer();
        w.bytes(hdr);
        w.u16(48).u16(1).u32(0).u64(fid).u64(fid);
        w.u64(offset).u64(length).u32(flags).u32(0);
        return w.toByteArray();
    }

    /** A READ ([MS-SMB2] 2.2.19) of {@code length} bytes at {@code offset}. */
    private static byte[] read(byte[] hdr, long fid, long offset, int length) {
        Smb2Writer w = new Smb2Writer();
        w.bytes(hdr);
        w.u16(49).u8(0x50).u8(0).u32(length).u64(offset).u64(fid).u64(fid);
        w.u32(0).u32(0).u32(0).u16(0).u16(0).u8(0);
        return w.toByteArray();
    }

    private static byte[] queryStandard(byte[] hdr, long fid) {
        Smb2Writer w = new Smb2Writer();
        w.bytes(hdr);
        w.u16(41).u8(1).u8(5).u32(4096).u16(0).u16(0).u32(0).u32(0).u32(0);
        w.u64(fid).u64(fid);
        return w.toByteArray();
    }

    private static byte[] close(byte[] hdr, long fid) {
        Smb2Writer w = new Smb2Writer();
        w.bytes(hdr);
        w.u16(24).u16(0).u32(0).u64(fid).u64(fid);
        return w.toByteArray();
    }

    private static byte[] echo(byte[] hdr) {
        Smb2Writer w = new Smb2Writer();
        w.bytes(hdr);
        w.u16(4).u16(0);
        return w.toByteArray();
    }

    /** Chains messages: pads all but the last to 8 bytes, sets NextCommand, signs each. */
    private static byte[] compound(byte[]... msgs) {
        Smb2Writer w = new Smb2Writer();
        for (int i = 0; i < msgs.length; i++) {
            byte[] m = msgs[i];
            if (i < msgs.length - 1) {
                m = java.util.Arrays.copyOf(m, (m.length + 7) & ~7);
                putU32(m, 20, m.length);
            }
            Smb2Signing.signInPlace(Smb2Signing.Algorithm.AES_CMAC, KEY, m, 0, m.length);
            w.bytes(m);
        }
        return w.toByteArray();
    }

    private static void putU32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    private void send(byte[] frame) {
        lane.execute(() -> dispatcher.frame(conn, frame));
    }

    /** The next frame the server sent, split into its messages (each checked for its signature). */
    private List<Msg> receive() throws Exception {
        byte[] f = sent.poll(10, TimeUnit.SECONDS);
        assertThat(f).as("a response within 10 s").isNotNull();
        List<Msg> out = new ArrayList<>();
        int at = 0;
        while (true) {
            Smb2Header h = Smb2Header.decode(new Smb2Reader(f, at, f.length));
            int len = h.nextCommand() == 0 ? f.length - at : h.nextCommand();
            if (h.nextCommand() != 0) {
                assertThat(h.nextCommand() % 8).as("8-byte aligned").isZero();
            }
            assertThat(h.has(Smb2Header.FLAG_SIGNED)).as("signed").isTrue();
            assertThat(Smb2Signing.verify(Smb2Signing.Algorithm.AES_CMAC, KEY, f, at, len))
                    .as("signature of element %d", out.size())
                    .isTrue();
            out.add(new Msg(h, java.util.Arrays.copyOfRange(f, at, at + len)));
            if (h.nextCommand() == 0) {
                return out;
            }
            at += len;
        }
    }

    record Msg(Smb2Header h, byte[] bytes) {
        int status() {
            return h.status();
        }

        long fileIdAt(int off) throws Exception {
            return Smb2Reader.of(bytes).seek(off).u64();
        }
    }

    // ---- which frames may run on the event loop (issue 11) ----

    @Test
    void quick_smallCreateQueryCloseChainAndSmallIo_true() {
        byte[] chain = compound(
                create(header(CREATE, 0), "f.txt", 1),
                queryStandard(header(QUERY_INFO, RELATED), ALL_ONES),
                close(header(CLOSE, RELATED), ALL_ONES));
        assertThat(dispatcher.quick(chain)).isTrue();
        assertThat(dispatcher.quick(read(header(READ, 0), 1, 0, 64 * 1024))).isTrue();
        assertThat(dispatcher.quick(write(header(WRITE, 0), 1, 0, new byte[4096])))
                .isTrue();
    }

    @Test
    void quick_largeIoOtherCommandsOrEncrypted_false() {
        assertThat(dispatcher.quick(read(header(READ, 0), 1, 0, 64 * 1024 + 1))).isFalse();
        assertThat(dispatcher.quick(write(header(WRITE, 0), 1, 0, new byte[64 * 1024])))
                .isFalse();
        assertThat(dispatcher.quick(compound(echo(header(ECHO, 0)), echo(header(CHANGE_NOTIFY, 0)))))
                .isFalse();
        byte[] encrypted = echo(header(ECHO, 0));
        encrypted[0] = (byte) 0xFD;
        assertThat(dispatcher.quick(encrypted)).isFalse();
        byte[] badChain = echo(header(ECHO, 0));
        putU32(badChain, 20, 1 << 20); // NextCommand past the end
        assertThat(dispatcher.quick(badChain)).isFalse();
    }

    @Test
    void quick_aShareOnAStoreThatBlocks_false(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        svc.shares()
                .add(new io.interlock.server.runtime.Share(
                        "disk",
                        new io.interlock.server.core.vfs.local.LocalFileSystem(dir, java.time.Clock.systemUTC()),
                        io.interlock.server.runtime.BreakPolicy.WAIT,
                        true));
        assertThat(dispatcher.quick(echo(header(ECHO, 0)))).isFalse();
    }

    // ---- compounds ----

    @Test
    void compound_createQueryInfoClose_related_allSucceedWithInheritedFileId() throws Exception {
        send(compound(
                create(header(CREATE, 0), "f.txt", 1),
                queryStandard(header(QUERY_INFO, RELATED), ALL_ONES),
                close(header(CLOSE, RELATED), ALL_ONES)));
        List<Msg> r = receive();
        assertThat(r).hasSize(3);
        assertThat(r).extracting(m -> m.h().command()).containsExactly(CREATE, QUERY_INFO, CLOSE);
        assertThat(r).allSatisfy(m -> assertThat(m.status()).isZero());
        assertThat(r.get(1).h().has(RELATED)).isTrue();
        Smb2Reader q = Smb2Reader.of(r.get(1).bytes()).seek(64);
        assertThat(q.u16()).isEqualTo(9);
        int off = q.u16();
        assertThat(q.u32()).as("FileStandardInformation length").isEqualTo(24);
        assertThat(Smb2Reader.of(r.get(1).bytes()).seek(off + 20).u8())
                .as("not a directory")
                .isZero();
        assertThat(conn.opens()).as("CLOSE closed the inherited handle").isEmpty();
    }

    @Test
    void compound_createFails_relatedRequestsFailWithSameStatus() throws Exception {
        send(compound(
                create(header(CREATE, 0), "missing.txt", 1),
                queryStandard(header(QUERY_INFO, RELATED), ALL_ONES),
                close(header(CLOSE, RELATED), ALL_ONES)));
        List<Msg> r = receive();
        assertThat(r).hasSize(3);
        assertThat(r).allSatisfy(m -> assertThat(m.status()).isEqualTo(0xC0000034)); // OBJECT_NAME_NOT_FOUND
    }

    @Test
    void compound_unrelated_eachAnsweredOnItsOwn() throws Exception {
        send(compound(
                create(header(CREATE, 0), "missing.txt", 1),
                echo(header(ECHO, 0)),
                queryStandard(header(QUERY_INFO, 0), 12345)));
        List<Msg> r = receive();
        assertThat(r).extracting(Msg::status).containsExactly(0xC0000034, 0, 0xC0000128); // FILE_CLOSED
        assertThat(r.get(1).h().has(RELATED)).isFalse();
    }

    // ---- async and cancel ----

    private LeaseKey holdLease() throws Exception {
        FileId f = fs.lookup(fs.root(), "f.txt");
        LeaseKey key = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        locks.requestLease(new LeaseRequest(f, key, LeaseState.RWH, 2, 0, false, notice -> {}));
        return key;
    }

    /** CREATE (OPEN_IF) with RequestedOplockLevel LEASE and an RqLs context of {@code leaseLength}. */
    private static byte[] createWithLease(byte[] hdr, String name, int leaseLength) {
        Smb2Writer w = new Smb2Writer();
        w.bytes(hdr);
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        int ctxOffset = (64 + 56 + n.length + 7) & ~7;
        int ctxLength = 24 + leaseLength;
        w.u16(57).u8(0).u8(0xFF).u32(2).u64(0).u64(0); // StructureSize .. RequestedOplockLevel LEASE
        w.u32(0x0012019F); // DesiredAccess: read/write
        w.u32(0).u32(7).u32(3).u32(0); // attributes, share all, OPEN_IF, options
        w.u16(120).u16(n.length).u32(ctxOffset).u32(ctxLength);
        w.bytes(n);
        w.zeros(ctxOffset - 64 - 56 - n.length);
        w.u32(0).u16(16).u16(4).u16(0).u16(24).u32(leaseLength); // Next, NameOffset/Length, DataOffset/Length
        w.bytes("RqLs".getBytes(StandardCharsets.US_ASCII)).zeros(4);
        w.bytes("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)); // LeaseKey
        w.u32(7).zeros(leaseLength - 20); // LeaseState RWH, the rest zero
        return w.toByteArray();
    }

    @Test
    void create_v2LeaseContextOnDialect21_ignoredNoLease() throws Exception {
        conn.negotiate(Smb2Dialect.SMB_2_1, UUID.randomUUID(), 0, 1, 1, 0);
        send(compound(createWithLease(header(CREATE, 0), "f.txt", 52)));
        Msg r = receive().get(0);
        assertThat(r.status()).isZero();
        Smb2Reader body = Smb2Reader.of(r.bytes()).seek(64);
        body.u16();
        assertThat(body.u8())
                .as("OplockLevel: the v2 context is ignored before 3.0 (R-SMB-4)")
                .isZero();
        assertThat(Smb2Reader.of(r.bytes()).seek(64 + 84).u32())
                .as("no create contexts")
                .isZero();
    }

    @Test
    void create_v1LeaseContextOnDialect21_leaseGranted() throws Exception {
        conn.negotiate(Smb2Dialect.SMB_2_1, UUID.randomUUID(), 0, 1, 1, 0);
        send(compound(createWithLease(header(CREATE, 0), "f.txt", 32)));
        Msg r = receive().get(0);
        assertThat(r.status()).isZero();
        assertThat(Smb2Reader.of(r.bytes()).seek(66).u8())
                .as("OplockLevel LEASE")
                .isEqualTo(0xFF);
    }

    @Test
    void create_leaseKeyBoundToAnotherFile_otherHolderOnTheName_invalidParameterWithoutBreakingIt() throws Exception {
        // explore (seed 1 run 74): the CREATE broke the holder of the file it named, then failed
        FileId f = fs.lookup(fs.root(), "f.txt");
        LeaseKey key = new LeaseKey(conn.clientGuid(), UUID.randomUUID());
        locks.requestLease(new LeaseRequest(f, key, LeaseState.RWH, 2, 0, false, notice -> {}));
        FileId g = fs.createFile(fs.root(), "g.txt", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        List<io.interlock.server.core.lock.LeaseBreakNotice> gBreaks =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        LeaseKey other = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        locks.requestLease(new LeaseRequest(g, other, LeaseState.RWH, 2, 0, false, gBreaks::add));
        send(compound(createLeased(header(CREATE, 0), "g.txt", 3, key.key())));
        assertThat(receive().get(0).status()).isEqualTo(0xC000000D); // at once: no interim, no break
        assertThat(gBreaks)
                .as("g's holder is not broken for a CREATE that fails")
                .isEmpty();
        assertThat(locks.lease(other))
                .hasValueSatisfying(l -> assertThat(l.state()).isEqualTo(LeaseState.RWH));
    }

    @Test
    void create_leaseKeyBoundToAnotherFile_invalidParameterAndNothingCreatedOrTruncated() throws Exception {
        FileId f = fs.lookup(fs.root(), "f.txt");
        LeaseKey key = new LeaseKey(conn.clientGuid(), UUID.randomUUID());
        locks.requestLease(new LeaseRequest(f, key, LeaseState.RWH, 2, 0, false, notice -> {}));
        FileId g = fs.createFile(fs.root(), "g.txt", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        fs.setAttributes(g, SetAttributes.size(5));
        // [MS-SMB2] 3.3.5.9.8, R-SMB-10: the lease context fails the CREATE before the open
        send(compound(createLeased(header(CREATE, 0), "new.txt", 3, key.key())));
        assertThat(receive().get(0).status()).isEqualTo(0xC000000D); // STATUS_INVALID_PARAMETER
        send(compound(createLeased(header(CREATE, 0), "g.txt", 5, key.key())));
        assertThat(receive().get(0).status()).isEqualTo(0xC000000D);
        assertThat(fs.readDirectory(fs.root(), 0, 100).entries())
                .extracting(io.interlock.server.core.vfs.DirEntry::name)
                .as("no file created by the failed CREATE")
                .doesNotContain("new.txt");
        assertThat(fs.getAttributes(g).size()).as("not truncated").isEqualTo(5);
        assertThat(locks.opensOn(g)).as("no share-mode open left").isEmpty();
        assertThat(conn.opens()).isEmpty();
    }

    @Test
    void lockAndUnlock_fileRemovedWhileOpen_fileClosedLikeReadAndWrite_closeSucceeds() throws Exception {
        send(compound(create(header(CREATE, 0), "f.txt", 1)));
        Msg created = receive().get(0);
        assertThat(created.status()).isZero();
        long fid = created.fileIdAt(64 + 64);
        send(compound(lock(header(LOCK, 0), fid, 0, 4, 0x12))); // exclusive, fail immediately
        assertThat(receive().get(0).status()).as("lock while the file exists").isZero();
        fs.remove(fs.root(), "f.txt"); // what an NFS REMOVE does: the store keeps no unlinked object
        send(compound(lock(header(LOCK, 0), fid, 10, 4, 0x12)));
        assertThat(receive().get(0).status()).as("lock after the remove").isEqualTo(0xC0000128);
        send(compound(lock(header(LOCK, 0), fid, 0, 4, 0x4))); // unlock
        assertThat(receive().get(0).status()).as("unlock after the remove").isEqualTo(0xC0000128);
        send(compound(close(header(CLOSE, 0), fid)));
        assertThat(receive().get(0).status()).as("close").isZero();
    }

    @Test
    void read_fileRemovedWhileAnotherOpenLocksTheRange_fileClosedNotLockConflict() throws Exception {
        send(compound(create(header(CREATE, 0), "f.txt", 1)));
        long a = receive().get(0).fileIdAt(64 + 64);
        send(compound(create(header(CREATE, 0), "f.txt", 1)));
        long b = receive().get(0).fileIdAt(64 + 64);
        send(compound(lock(header(LOCK, 0), b, 0, 4, 0x12))); // B: exclusive 0+4
        assertThat(receive().get(0).status()).isZero();
        send(compound(read(header(READ, 0), a, 0, 4)));
        assertThat(receive().get(0).status()).as("A reads into B's lock").isEqualTo(0xC0000054); // LOCK_CONFLICT
        fs.remove(fs.root(), "f.txt"); // NFS REMOVE: the store keeps no unlinked object
        send(compound(read(header(READ, 0), a, 0, 4)));
        assertThat(receive().get(0).status()).as("D-1: the file is gone").isEqualTo(0xC0000128); // FILE_CLOSED
    }

    @Test
    void write_fileRemovedWhileOpen_ownSharedLockOverlaps_fileClosedBeforeTheLockCheck() throws Exception {
        // explore (seed 10 run 55): FILE_LOCK_CONFLICT from the open's own shared lock, where the
        // model (D-1: an open whose file NFS removed is as good as closed) wants FILE_CLOSED
        send(compound(create(header(CREATE, 0), "f.txt", 1)));
        Msg created = receive().get(0);
        long fid = created.fileIdAt(64 + 64);
        send(compound(lock(header(LOCK, 0), fid, 3, 4, 0x11))); // shared, fail immediately
        assertThat(receive().get(0).status()).isZero();
        send(compound(write(header(WRITE, 0), fid, 1, new byte[] {1, 2, 3, 4})));
        assertThat(receive().get(0).status())
                .as("own shared lock refuses the write")
                .isEqualTo(0xC0000054);
        fs.remove(fs.root(), "f.txt"); // what an NFS REMOVE does
        send(compound(write(header(WRITE, 0), fid, 1, new byte[] {1, 2, 3, 4})));
        assertThat(receive().get(0).status()).as("write after the remove").isEqualTo(0xC0000128);
    }

    @Test
    void close_wakesACreateHeldOnItsLease_afterItsLocksAreGone_leaseGranted() throws Exception {
        // D's lane runs continuations on the completing thread, so D's CREATE resumes inside A's CLOSE
        BlockingQueue<byte[]> sentToD = new LinkedBlockingQueue<>();
        Smb2Connection d = capturing(sentToD, "test-d", Runnable::run);
        d.negotiate(Smb2Dialect.SMB_3_0_2, UUID.randomUUID(), 0, 1, 1, 0);
        d.messageWindow().grant(4096);
        d.sessions().put(session.id(), session);

        send(compound(createLeased(header(CREATE, 0), "f.txt", 1, UUID.randomUUID())));
        Msg created = receive().get(0);
        assertThat(created.status()).isZero();
        long fid = created.fileIdAt(64 + 64);
        send(compound(lock(header(LOCK, 0), fid, 0, 4, 0x11))); // A's shared lock, fail immediately
        assertThat(receive().get(0).status()).isZero();

        dispatcher.frame(d, compound(createLeased(header(CREATE, 0), "f.txt", 1, UUID.randomUUID())));
        byte[] interim = sentToD.poll(10, TimeUnit.SECONDS);
        assertThat(interim).isNotNull();
        assertThat(Smb2Header.decode(new Smb2Reader(interim, 0, interim.length)).status())
                .as("D waits for A's RWH->RH break")
                .isEqualTo(0x00000103);

        send(compound(close(header(CLOSE, 0), fid)));
        assertThat(receive().get(0).status()).isZero();
        byte[] fin = sentToD.poll(10, TimeUnit.SECONDS);
        assertThat(fin).isNotNull();
        assertThat(Smb2Header.decode(new Smb2Reader(fin, 0, fin.length)).status())
                .isZero();
        FileId f = fs.lookup(fs.root(), "f.txt");
        assertThat(locks.leasesOn(f))
                .as("D alone on f after A's close: RWH (§2.2: no range locks left, no other key)")
                .singleElement()
                .satisfies(l -> assertThat(l.state()).isEqualTo(LeaseState.RWH));
    }

    @Test
    void create_heldOnLeaseBreak_nameReplacedMeanwhile_breaksTheNewFilesHolderBeforeOpening() throws Exception {
        LeaseKey a = holdLease();
        FileId g = fs.createFile(fs.root(), "g.txt", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        List<io.interlock.server.core.lock.LeaseBreakNotice> gBreaks =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        LeaseKey e = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        locks.requestLease(new LeaseRequest(g, e, LeaseState.RWH, 2, 0, false, gBreaks::add));
        send(compound(create(header(CREATE, 0), "f.txt", 1)));
        assertThat(receive().get(0).status()).isEqualTo(0x00000103); // held on A's RWH->RH break
        fs.rename(fs.root(), "g.txt", fs.root(), "f.txt"); // what an NFS RENAME over f.txt does
        locks.acknowledge(a, LeaseState.RH);
        // evaluated again from the top: f.txt is now g's file, whose RWH holder must lose W first
        await().atMost(Duration.ofSeconds(10)).until(() -> gBreaks.size() == 1);
        assertThat(gBreaks.get(0).newState()).isEqualTo(LeaseState.RH);
        assertThat(sent.poll(200, TimeUnit.MILLISECONDS))
                .as("nothing before E's ack")
                .isNull();
        locks.acknowledge(e, LeaseState.RH);
        Msg fin = receive().get(0);
        assertThat(fin.status()).isZero();
        assertThat(conn.opens().values()).singleElement().satisfies(o -> assertThat(o.file())
                .isEqualTo(g));
    }

    @Test
    void lock_heldOnLeaseBreak_leaseGrantedMeanwhile_brokenBeforeTheLockIsGranted() throws Exception {
        FileId f = fs.lookup(fs.root(), "f.txt");
        LeaseKey a = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        assertThat(locks.requestLease(new LeaseRequest(f, a, LeaseState.READ | LeaseState.WRITE, 2, 0, false, n -> {}))
                        .state())
                .isEqualTo(LeaseState.READ | LeaseState.WRITE);
        // a stat open (FILE_READ_ATTRIBUTES) breaks nothing and leaves A its W
        send(compound(create(header(CREATE, 0), "f.txt", 1, 0x00000080)));
        long fid = receive().get(0).fileIdAt(64 + 64);
        send(compound(lock(header(LOCK, 0), fid, 0, 4, 0x2))); // exclusive, may wait
        assertThat(receive().get(0).status()).as("held on A's RW->NONE break").isEqualTo(0x00000103);
        // while the LOCK waits, another client's CREATE is granted R (A's W keeps it from more)
        List<io.interlock.server.core.lock.LeaseBreakNotice> eBreaks =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        LeaseKey e = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        assertThat(locks.requestLease(new LeaseRequest(f, e, LeaseState.READ, 2, 0, false, eBreaks::add))
                        .state())
                .isEqualTo(LeaseState.READ);
        locks.acknowledge(a, LeaseState.NONE);
        // evaluated again after the wait: a byte-range lock breaks every lease to NONE, E's too
        // (catalog §2.2 rule 6: no caching beside byte-range locks), not only those there before
        await().atMost(Duration.ofSeconds(10)).until(() -> !eBreaks.isEmpty());
        assertThat(eBreaks.get(0).newState()).isEqualTo(LeaseState.NONE);
        assertThat(receive().get(0).status()).as("the LOCK, granted").isZero();
    }

    @Test
    void renameByHandle_heldOnLeaseBreak_handleLeaseGrantedMeanwhile_brokenBeforeTheRename() throws Exception {
        FileId f = fs.lookup(fs.root(), "f.txt");
        LeaseKey a = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        locks.requestLease(new LeaseRequest(f, a, LeaseState.READ | LeaseState.HANDLE, 2, 0, false, n -> {}));
        send(compound(create(header(CREATE, 0), "f.txt", 1, 0x00010080))); // DELETE | FILE_READ_ATTRIBUTES
        Msg created = receive().get(0);
        assertThat(created.status()).isZero();
        long fid = created.fileIdAt(64 + 64);
        send(compound(rename(header(SET_INFO, 0), fid, "g.txt")));
        assertThat(receive().get(0).status()).as("held on A's RH->R break").isEqualTo(0x00000103);
        // while the rename waits, another client's CREATE is granted RH
        List<io.interlock.server.core.lock.LeaseBreakNotice> eBreaks =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        LeaseKey e = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        assertThat(locks.requestLease(
                                new LeaseRequest(f, e, LeaseState.READ | LeaseState.HANDLE, 2, 0, false, eBreaks::add))
                        .state())
                .isEqualTo(LeaseState.READ | LeaseState.HANDLE);
        locks.acknowledge(a, LeaseState.READ);
        // evaluated again after the wait: E's H must go before the name changes (R-SMB-35)
        await().atMost(Duration.ofSeconds(10)).until(() -> !eBreaks.isEmpty());
        assertThat(eBreaks.get(0).newState()).isEqualTo(LeaseState.READ);
        assertThat(sent.poll(200, TimeUnit.MILLISECONDS))
                .as("nothing before E's ack")
                .isNull();
        assertThat(fs.lookup(fs.root(), "f.txt")).as("not renamed yet").isEqualTo(f);
        locks.acknowledge(e, LeaseState.READ);
        assertThat(receive().get(0).status()).as("the rename").isZero();
        assertThat(fs.lookup(fs.root(), "g.txt")).isEqualTo(f);
    }

    @Test
    void create_heldOnLeaseBreak_interimPendingThenFinalWithSameAsyncId() throws Exception {
        LeaseKey key = holdLease();
        long mid = messageId;
        send(compound(create(header(CREATE, 0), "f.txt", 1)));
        Msg interim = receive().get(0);
        assertThat(interim.status()).isEqualTo(0x00000103); // STATUS_PENDING
        assertThat(interim.h().has(Smb2Header.FLAG_ASYNC)).isTrue();
        assertThat(interim.h().messageId()).isEqualTo(mid);
        assertThat(interim.h().credits()).as("interim grants credits").isPositive();
        long asyncId = interim.h().asyncId();
        assertThat(asyncId).isNotZero();
        assertThat(sent.poll(200, TimeUnit.MILLISECONDS))
                .as("nothing before the ack")
                .isNull();

        locks.acknowledge(key, LeaseState.RH);
        Msg fin = receive().get(0);
        assertThat(fin.status()).isZero();
        assertThat(fin.h().has(Smb2Header.FLAG_ASYNC)).isTrue();
        assertThat(fin.h().asyncId()).isEqualTo(asyncId);
        assertThat(fin.h().messageId()).isEqualTo(mid);
        assertThat(conn.opens()).hasSize(1);
        assertThat(conn.pending()).isEmpty();
    }

    @Test
    void cancel_byAsyncId_completesHeldCreateWithStatusCancelled() throws Exception {
        holdLease();
        long mid = messageId;
        send(compound(create(header(CREATE, 0), "f.txt", 1)));
        Msg interim = receive().get(0);
        long asyncId = interim.h().asyncId();
        byte[] cancel = echo(header(CANCEL, Smb2Header.FLAG_ASYNC, 0, asyncId));
        cancel[64] = 4; // CANCEL StructureSize 4, like ECHO
        send(cancel); // CANCEL is not signed-checked before its lookup: an unsigned one is fine
        Msg fin = receive().get(0);
        assertThat(fin.status()).isEqualTo(0xC0000120); // STATUS_CANCELLED
        assertThat(fin.h().asyncId()).isEqualTo(asyncId);
        assertThat(fin.h().messageId()).isEqualTo(mid);
        assertThat(conn.opens()).as("a cancelled CREATE opens nothing").isEmpty();
        assertThat(svc.stats().cancelled()).isEqualTo(1);
    }

    @Test
    void cancel_byMessageId_completesHeldCreateWithStatusCancelled() throws Exception {
        holdLease();
        long mid = messageId;
        send(compound(create(header(CREATE, 0), "f.txt", 1)));
        assertThat(receive().get(0).status()).isEqualTo(0x00000103);
        byte[] cancel = echo(header(CANCEL, 0, mid, 1L << 32));
        send(cancel);
        Msg fin = receive().get(0);
        assertThat(fin.status()).isEqualTo(0xC0000120);
        assertThat(conn.opens()).isEmpty();
    }

    // ---- change notify ----

    @Test
    void changeNotify_onDirectory_notSupported_onFile_invalidParameter() throws Exception {
        send(compound(create(header(CREATE, 0), "", 1)));
        long dir = receive().get(0).fileIdAt(64 + 64);
        send(compound(create(header(CREATE, 0), "f.txt", 1)));
        long file = receive().get(0).fileIdAt(64 + 64);
        for (long fid : new long[] {dir, file}) {
            Smb2Writer w = new Smb2Writer();
            w.bytes(header(CHANGE_NOTIFY, 0));
            w.u16(32).u16(0).u32(4096).u64(fid).u64(fid).u32(0x17).u32(0);
            send(compound(w.toByteArray()));
        }
        assertThat(receive().get(0).status()).isEqualTo(0xC00000BB); // STATUS_NOT_SUPPORTED
        assertThat(receive().get(0).status()).isEqualTo(0xC000000D); // STATUS_INVALID_PARAMETER
    }
    // ---- hostile lengths (issue 10) ----

    private static byte[] queryStandard(byte[] hdr, long fid, int outputBufferLength) {
        Smb2Writer w = new Smb2Writer();
        w.bytes(hdr);
        w.u16(41)
                .u8(1)
                .u8(5)
                .u32(outputBufferLength)
                .u16(0)
                .u16(0)
                .u32(0)
                .u32(0)
                .u32(0);
        w.u64(fid).u64(fid);
        return w.toByteArray();
    }

    @Test
    void queryInfo_outputBufferLengthAbove2pow31_invalidParameter() throws Exception {
        for (int len : new int[] {0x80000000, 0xFFFFFFFF}) {
            send(compound(
                    create(header(CREATE, 0), "f.txt", 1),
                    queryStandard(header(QUERY_INFO, RELATED), ALL_ONES, len),
                    close(header(CLOSE, RELATED), ALL_ONES)));
            List<Msg> r = receive();
            assertThat(r).extracting(Msg::status).containsExactly(0, 0xC000000D, 0); // STATUS_INVALID_PARAMETER
        }
    }

    // ---- a connection that goes away mid-compound (issue 10, faults) ----

    @Test
    void compound_connectionClosedWhileCreateHeldOnBreak_noOpenLeft_leaseAckCompletesNothing() throws Exception {
        LeaseKey key = holdLease();
        send(compound(
                create(header(CREATE, 0), "f.txt", 1),
                queryStandard(header(QUERY_INFO, RELATED), ALL_ONES),
                close(header(CLOSE, RELATED), ALL_ONES)));
        assertThat(receive().get(0).status()).isEqualTo(0x00000103); // STATUS_PENDING: held on the break
        lane.execute(() -> dispatcher.connectionClosed(conn)); // what channelInactive does
        // the chain finishes cancelled, into the dead transport (unsigned: the session is gone)
        byte[] rest = sent.poll(10, TimeUnit.SECONDS);
        assertThat(rest).isNotNull();
        List<Integer> statuses = new ArrayList<>();
        for (int at = 0; ; ) {
            Smb2Header h = Smb2Header.decode(new Smb2Reader(rest, at, rest.length));
            statuses.add(h.status());
            if (h.nextCommand() == 0) {
                break;
            }
            at += h.nextCommand();
        }
        assertThat(statuses).containsOnly(0xC0000120); // STATUS_CANCELLED
        locks.acknowledge(key, LeaseState.RH);
        lane.submit(() -> {}).get(10, TimeUnit.SECONDS);
        FileId f = fs.lookup(fs.root(), "f.txt");
        assertThat(conn.opens()).isEmpty();
        assertThat(conn.pending()).isEmpty();
        assertThat(locks.opensOn(f))
                .as("share-mode opens of the dead connection")
                .isEmpty();
        assertThat(locks.leasesOn(f))
                .as("only the holder's lease")
                .singleElement()
                .satisfies(l -> assertThat(l.key()).isEqualTo(key));
    }
}
