package io.interlock.server.smb2.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.ByteRange;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LeaseRequest;
import io.interlock.server.core.lock.LeaseState;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.lock.LockOwner;
import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.faults.Fault;
import io.interlock.server.smb2.auth.Smb2Signing;
import io.interlock.server.smb2.wire.Smb2Header;
import io.interlock.server.smb2.wire.Smb2Reader;
import io.interlock.server.smb2.wire.Smb2Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SMB-side fault points through the real dispatcher and handlers on the in-memory store, driven
 * by raw signed SMB2 requests on a capturing transport: what an SMB client sends and receives. The
 * NLM side is what the NLM handlers put into the shared lock manager (a lock or a queued blocking
 * request of an "nlm" owner). Each test runs with the fault off (correct) and on (the bug).
 */
class Smb2FaultPointsTest extends Smb2DispatcherFixture {
    private static final int CREATE = 5;
    private static final int CLOSE = 6;
    private static final int READ = 8;
    private static final int WRITE = 9;
    private static final int LOCK = 0x0A;
    private static final int OPLOCK_BREAK = 0x12;
    private static final int STATUS_SUCCESS = 0;
    private static final int STATUS_FILE_LOCK_CONFLICT = 0xC0000054;
    private static final int STATUS_LOCK_NOT_GRANTED = 0xC0000055;
    /** FILE_READ_DATA | FILE_WRITE_DATA | FILE_READ_ATTRIBUTES | SYNCHRONIZE | READ_CONTROL. */
    private static final int READ_WRITE = 0x00120083;

    private FileId file;

    Smb2FaultPointsTest() {
        super(new VirtualServerClock(), LockManagerConfig.defaults());
    }

    @BeforeEach
    void setUp() throws Exception {
        svc.connections().add(conn);
        svc.connections().bind(conn, conn.clientGuid());
        file = fs.createFile(fs.root(), "f.txt", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        fs.write(file, 0, new byte[32], 0, 32);
    }

    // ---- raw requests and responses

    private Smb2Writer request(int command) {
        Smb2Writer w = new Smb2Writer();
        new Smb2Header(1, 0, command, 16, 0, 0, messageId++, 1L << 32, session.id(), null).encode(w);
        return w;
    }

    /** Signs and sends one request; returns the header and body of the response. */
    private Smb2Reader call(Smb2Writer w) throws Exception {
        byte[] m = w.toByteArray();
        Smb2Signing.signInPlace(Smb2Signing.Algorithm.AES_CMAC, KEY, m, 0, m.length);
        lane.execute(() -> dispatcher.frame(conn, m));
        byte[] r = sent.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("a response within 10 s").isNotNull();
        return Smb2Reader.of(r);
    }

    private static int status(Smb2Reader r) throws Exception {
        return Smb2Header.decode(r.seek(0)).status();
    }

    /** CREATE f.txt (FILE_OPEN) for read and write, sharing everything; returns the FileId. */
    private long open() throws Exception {
        Smb2Writer w = request(CREATE);
        byte[] n = "f.txt".getBytes(StandardCharsets.UTF_16LE);
        w.u16(57).u8(0).u8(0).u32(2).u64(0).u64(0); // StructureSize, flags, no oplock, impersonation
        w.u32(READ_WRITE).u32(0).u32(7).u32(1).u32(0); // access, attributes, share all, FILE_OPEN
        w.u16(120).u16(n.length).u32(0).u32(0); // name offset/length, no create contexts
        w.bytes(n);
        Smb2Reader r = call(w);
        assertThat(status(r)).isEqualTo(STATUS_SUCCESS);
        return r.seek(64 + 64).u64(); // FileId.Persistent; Volatile is the same here
    }

    private int write(long fid, long offset, byte[] data) throws Exception {
        Smb2Writer w = request(WRITE);
        w.u16(49).u16(64 + 48).u32(data.length).u64(offset).u64(fid).u64(fid);
        w.u32(0).u32(0).u16(0).u16(0).u32(0); // Channel, RemainingBytes, channel info, Flags
        w.bytes(data);
        return status(call(w));
    }

    private int read(long fid, long offset, int length) throws Exception {
        Smb2Writer w = request(READ);
        w.u16(49).u8(0).u8(0).u32(length).u64(offset).u64(fid).u64(fid);
        w.u32(0).u32(0).u32(0).u16(0).u16(0).u8(0); // MinimumCount, Channel, Remaining, info, Buffer
        return status(call(w));
    }

    private int lock(long fid, long offset, long length, int flags) throws Exception {
        Smb2Writer w = request(LOCK);
        w.u16(48).u16(1).u32(0).u64(fid).u64(fid);
        w.u64(offset).u64(length).u32(flags).u32(0);
        return status(call(w));
    }

    private int close(long fid) throws Exception {
        Smb2Writer w = request(CLOSE);
        w.u16(24).u16(0).u32(0).u64(fid).u64(fid);
        return status(call(w));
    }

    private static final int EXCLUSIVE_NOW = Smb2LockHandler.EXCLUSIVE | Smb2LockHandler.FAIL_IMMEDIATELY;
    private static final LockOwner NLM_A = new LockOwner("nlm", "client-a:1:01");
    private static final LockOwner NLM_B = new LockOwner("nlm", "client-b:2:02");

    // ---- SMB_IO_IGNORES_NLM_LOCKS (R-XP-10)

    @Test
    void writeAndRead_insideNlmExclusiveLock_conflict_withSmbIoIgnoresNlmLocks_succeed() throws Exception {
        long fid = open();
        assertThat(locks.lock(file, NLM_A, ByteRange.of(0, 10), true).granted()).isTrue();
        assertThat(write(fid, 2, new byte[] {'X'})).isEqualTo(STATUS_FILE_LOCK_CONFLICT);
        assertThat(read(fid, 0, 4)).isEqualTo(STATUS_FILE_LOCK_CONFLICT);
        assertThat(write(fid, 12, new byte[] {'Y'})).as("outside the range").isEqualTo(STATUS_SUCCESS);

        faults.enable(Fault.SMB_IO_IGNORES_NLM_LOCKS);
        assertThat(write(fid, 2, new byte[] {'X'})).isEqualTo(STATUS_SUCCESS);
        assertThat(read(fid, 0, 4)).isEqualTo(STATUS_SUCCESS);
        assertThat(fs.read(file, 2, 1).data())
                .as("the NLM holder's bytes changed under its lock")
                .containsExactly('X');
        // SMB's own locks are still enforced between SMB opens
        long other = open();
        assertThat(lock(other, 20, 4, EXCLUSIVE_NOW)).isEqualTo(STATUS_SUCCESS);
        assertThat(write(fid, 21, new byte[] {'Z'})).isEqualTo(STATUS_FILE_LOCK_CONFLICT);
    }

    // ---- SEPARATE_LOCK_TABLES (R-XP-10)

    @Test
    void lock_overNlmExclusiveLock_notGranted_withSeparateLockTables_granted() throws Exception {
        long fid = open();
        assertThat(locks.lock(file, NLM_A, ByteRange.of(0, 10), true).granted()).isTrue();
        assertThat(lock(fid, 5, 10, EXCLUSIVE_NOW)).isEqualTo(STATUS_LOCK_NOT_GRANTED);

        faults.enable(Fault.SEPARATE_LOCK_TABLES);
        assertThat(lock(fid, 5, 10, EXCLUSIVE_NOW)).isEqualTo(STATUS_SUCCESS);
        assertThat(locks.locksOn(file)).extracting(l -> l.owner().protocol()).containsExactlyInAnyOrder("nlm", "smb");
    }

    // ---- NLM_WAITER_NOT_WOKEN_BY_SMB (R-XP-10, R-NLM-4)

    @Test
    void smbUnlockAndClose_grantTheBlockedNlmWaiter_withNlmWaiterNotWokenBySmb_itStaysBlocked() throws Exception {
        long fid = open();
        assertThat(lock(fid, 0, 10, EXCLUSIVE_NOW)).isEqualTo(STATUS_SUCCESS);
        LockManager.PendingLock viaUnlock = locks.lockOrQueue(file, NLM_A, ByteRange.of(0, 10), true);
        assertThat(viaUnlock.granted()).isNotDone();
        assertThat(lock(fid, 0, 10, Smb2LockHandler.UNLOCK)).isEqualTo(STATUS_SUCCESS);
        assertThat(viaUnlock.granted())
                .as("granted by the SMB UNLOCK (then NLM sends GRANTED)")
                .isDone();
        locks.unlock(file, NLM_A, ByteRange.of(0, 10));
        assertThat(lock(fid, 0, 10, EXCLUSIVE_NOW)).isEqualTo(STATUS_SUCCESS);
        LockManager.PendingLock viaClose = locks.lockOrQueue(file, NLM_A, ByteRange.of(0, 10), true);
        assertThat(close(fid)).isEqualTo(STATUS_SUCCESS);
        assertThat(viaClose.granted()).as("granted by the SMB CLOSE").isDone();
        locks.unlock(file, NLM_A, ByteRange.of(0, 10));

        faults.enable(Fault.NLM_WAITER_NOT_WOKEN_BY_SMB);
        long fid2 = open();
        assertThat(lock(fid2, 0, 10, EXCLUSIVE_NOW)).isEqualTo(STATUS_SUCCESS);
        LockManager.PendingLock starved = locks.lockOrQueue(file, NLM_A, ByteRange.of(0, 10), true);
        assertThat(lock(fid2, 0, 10, Smb2LockHandler.UNLOCK)).isEqualTo(STATUS_SUCCESS);
        assertThat(starved.granted()).as("not granted by the SMB UNLOCK").isNotDone();
        assertThat(lock(fid2, 0, 10, EXCLUSIVE_NOW))
                .as("the range is free: SMB takes it again")
                .isEqualTo(STATUS_SUCCESS);
        assertThat(close(fid2)).isEqualTo(STATUS_SUCCESS);
        assertThat(starved.granted()).as("nor by the SMB CLOSE").isNotDone();
        assertThat(locks.locksOn(file)).isEmpty();
        // only an NLM release looks at the NLM queue again
        assertThat(locks.lock(file, NLM_B, ByteRange.of(100, 1), true).granted())
                .isTrue();
        locks.unlock(file, NLM_B, ByteRange.of(100, 1));
        assertThat(starved.granted()).isDone();
    }

    // ---- EPOCH_NOT_INCREMENTED (R-SMB-48, R-SMB-60) and ACK_REQUIRED_ALWAYS (R-SMB-47)

    /** A v2 lease of this connection's client, notified through the real Smb2LeaseBreaker. */
    private LeaseKey lease(int state, int epoch) {
        LeaseKey key = new LeaseKey(conn.clientGuid(), UUID.randomUUID());
        locks.requestLease(new LeaseRequest(file, key, state, 2, epoch, false, svc.breaker()));
        return key;
    }

    /** The LEASE_BREAK_NOTIFICATION the client receives: {NewEpoch, Flags, NewLeaseState}. */
    private int[] breakNotification() throws Exception {
        byte[] m = sent.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("a lease break notification").isNotNull();
        Smb2Reader r = Smb2Reader.of(m);
        assertThat(Smb2Header.decode(r).command()).isEqualTo(OPLOCK_BREAK);
        r.seek(64);
        assertThat(r.u16()).as("StructureSize").isEqualTo(44);
        int epoch = r.u16(); // NewEpoch
        int flags = r.u32(); // Flags
        r.seek(64 + 24); // after LeaseKey (16 bytes)
        r.u32(); // CurrentLeaseState
        return new int[] {epoch, flags, r.u32()}; // NewLeaseState
    }

    @Test
    void leaseBreakNotification_v2_carriesIncrementedEpoch_withEpochNotIncremented_theOldOne() throws Exception {
        lease(LeaseState.RWH, 4); // granted epoch 5
        locks.breakFor(file, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(breakNotification()[0]).isEqualTo(6);

        faults.enable(Fault.EPOCH_NOT_INCREMENTED);
        FileId g = fs.createFile(fs.root(), "g.txt", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        file = g;
        lease(LeaseState.RWH, 4);
        locks.breakFor(g, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(breakNotification()[0])
                .as("NewEpoch equals the granted epoch")
                .isEqualTo(5);
    }

    @Test
    void leaseBreakNotification_readToNone_noAckRequired_withAckRequiredAlways_ackRequiredFlag() throws Exception {
        lease(LeaseState.READ, 0);
        locks.breakFor(file, BreakTrigger.WRITE, BreakOrigin.nfs());
        int[] n = breakNotification();
        assertThat(n[1]).as("Flags").isZero();
        assertThat(n[2]).isEqualTo(LeaseState.NONE);

        faults.enable(Fault.ACK_REQUIRED_ALWAYS);
        FileId g = fs.createFile(fs.root(), "g.txt", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        file = g;
        lease(LeaseState.READ, 0);
        locks.breakFor(g, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(breakNotification()[1])
                .as("SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED")
                .isEqualTo(1);
    }
}
