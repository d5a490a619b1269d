package io.interlock.server.core.lock;

import static io.interlock.server.core.lock.LeaseFixture.FILE;
import static io.interlock.server.core.lock.LeaseFixture.OTHER_FILE;
import static io.interlock.server.core.lock.LeaseFixture.key;
import static io.interlock.server.core.lock.ShareMode.DELETE;
import static io.interlock.server.core.lock.ShareMode.READ;
import static io.interlock.server.core.lock.ShareMode.SHARE_ALL;
import static io.interlock.server.core.lock.ShareMode.SHARE_READ;
import static io.interlock.server.core.lock.ShareMode.SHARE_WRITE;
import static io.interlock.server.core.lock.ShareMode.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Share modes of opens ([MS-FSA] 2.1.5.1.2.1) and their effect on W grants (R-SMB-17). */
class ShareModeTest {
    private final LeaseFixture f = new LeaseFixture();

    private ShareResult open(int access, int share) {
        return f.lm.openShared(FILE, access, share, null);
    }

    @Test
    void openShared_compatibleModes_granted() {
        assertThat(open(READ, SHARE_READ).granted()).isTrue();
        assertThat(open(READ, SHARE_READ | SHARE_WRITE).granted()).isTrue();
        assertThat(f.lm.opensOn(FILE)).hasSize(2);
    }

    @Test
    void openShared_writeWhileOtherSharesReadOnly_sharingViolation() {
        ShareOpen first = ((ShareResult.Granted) open(READ, SHARE_READ)).open();
        ShareResult r = open(WRITE, SHARE_ALL);
        assertThat(r).isEqualTo(new ShareResult.SharingViolation(first));
    }

    @Test
    void openShared_newOpenDeniesAccessExistingHas_sharingViolation() {
        open(WRITE, SHARE_ALL);
        assertThat(open(READ, SHARE_READ).granted()).isFalse();
    }

    @Test
    void openShared_deleteWithoutShareDelete_sharingViolation() {
        open(READ, SHARE_READ | SHARE_WRITE);
        assertThat(open(DELETE, SHARE_ALL).granted()).isFalse();
        assertThat(open(READ, SHARE_ALL).granted()).isTrue();
    }

    @Test
    void openShared_statOpen_neverConflicts() {
        open(READ | WRITE | DELETE, 0);
        assertThat(open(0, 0).granted()).isTrue();
        assertThat(open(0, SHARE_ALL).granted()).isTrue();
        assertThat(open(READ, SHARE_ALL).granted()).isFalse();
    }

    @Test
    void openShared_otherFile_independent() {
        open(READ | WRITE, 0);
        assertThat(f.lm.openShared(OTHER_FILE, READ | WRITE, 0, null).granted()).isTrue();
    }

    @Test
    void closeShared_removesConflict() {
        ShareOpen o = ((ShareResult.Granted) open(WRITE, 0)).open();
        assertThat(f.lm.checkShare(FILE, READ, SHARE_ALL)).contains(o);
        assertThat(f.lm.closeShared(o)).isTrue();
        assertThat(f.lm.closeShared(o)).isFalse();
        assertThat(f.lm.checkShare(FILE, READ, SHARE_ALL)).isEmpty();
    }

    @Test
    void requestLease_nonStatOpenOfOtherKey_noWrite_sameKeyOrStatOpen_write() {
        LeaseKey k1 = key(1);
        f.lm.openShared(FILE, READ, SHARE_ALL, k1);
        f.lm.openShared(FILE, 0, SHARE_ALL, null); // a stat open (R-SMB-19)
        assertThat(f.open(k1, LeaseState.RWH).state()).isEqualTo(LeaseState.RWH);

        f.lm.releaseLeaseOpen(k1);
        f.lm.openShared(FILE, READ, SHARE_ALL, null); // e.g. an open that caches nothing
        assertThat(f.open(k1, LeaseState.RWH).state()).isEqualTo(LeaseState.RH);
    }
}
