package io.interlock.server.smb2.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** [MS-SMB2] 3.3.1.1 CommandSequenceWindow and the 3.3.5.2.3 check. */
class Smb2MessageWindowTest {
    @Test
    void consume_startsWithIdZeroOnly() {
        Smb2MessageWindow w = new Smb2MessageWindow();
        assertThat(w.consume(1, 1)).isFalse();
        assertThat(w.consume(0, 1)).isTrue();
        assertThat(w.consume(0, 1)).as("reused").isFalse();
    }

    @Test
    void consume_grantedIdsOnce_inAnyOrder_multiCreditCharge() {
        Smb2MessageWindow w = new Smb2MessageWindow();
        assertThat(w.consume(0, 1)).isTrue();
        w.grant(10); // ids 1..10
        assertThat(w.consume(5, 1)).isTrue();
        assertThat(w.consume(1, 4)).isTrue(); // 1..4
        assertThat(w.consume(4, 1)).as("inside an earlier charge").isFalse();
        assertThat(w.consume(6, 5)).isTrue(); // 6..10
        assertThat(w.consume(11, 1)).as("not granted yet").isFalse();
        assertThat(w.available()).isZero();
        w.grant(2);
        assertThat(w.consume(11, 2)).isTrue();
    }

    @Test
    void consume_hugeAndWrappedIds_refused() {
        Smb2MessageWindow w = new Smb2MessageWindow();
        w.grant(100);
        assertThat(w.consume(1_000_000_000_000L, 1)).isFalse();
        assertThat(w.consume(0xFFFFFFFFFFFFFFFEL, 1)).isFalse();
        assertThat(w.consume(0xFFFFFFFFFFFFFFFFL, 2)).as("wraps to 0").isFalse();
        assertThat(w.consume(95, 10)).as("runs past the top").isFalse();
        assertThat(w.consume(0, 1)).isTrue();
    }
}
