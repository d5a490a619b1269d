package io.interlock.server.core.lock;

import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.faults.FaultPoints;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A lock manager on a virtual clock with a notifier that records every notice. */
class LeaseFixture implements BreakNotifier {
    static final FileId FILE = new FileId(10);
    static final FileId OTHER_FILE = new FileId(11);
    static final UUID CLIENT_A = new UUID(0xA, 0xA);
    static final UUID CLIENT_B = new UUID(0xB, 0xB);

    final VirtualServerClock clock = new VirtualServerClock();
    final FaultPoints faults = new FaultPoints();
    final LockManager lm = new LockManager(clock, LockManagerConfig.defaults(), faults);
    final List<LeaseBreakNotice> notices = new CopyOnWriteArrayList<>();
    final List<OplockBreakNotice> oplockNotices = new CopyOnWriteArrayList<>();

    @Override
    public void leaseBreak(LeaseBreakNotice notice) {
        notices.add(notice);
    }

    @Override
    public void oplockBreak(OplockBreakNotice notice) {
        oplockNotices.add(notice);
    }

    static LeaseKey key(int n) {
        return new LeaseKey(CLIENT_A, new UUID(0, n));
    }

    LeaseGrant open(LeaseKey key, int state) {
        return lm.requestLease(new LeaseRequest(FILE, key, state, 1, 0, false, this));
    }

    LeaseGrant openV2(LeaseKey key, int state, int epoch) {
        return lm.requestLease(new LeaseRequest(FILE, key, state, 2, epoch, false, this));
    }

    int state(LeaseKey key) {
        return lm.lease(key).orElseThrow().state();
    }

    LockManager.LeaseView view(LeaseKey key) {
        return lm.lease(key).orElseThrow();
    }

    void advance(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }
}
