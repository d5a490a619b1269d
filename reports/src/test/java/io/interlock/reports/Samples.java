package io.interlock.reports;

import java.time.Instant;
import java.util.List;

final class Samples {
    private Samples() {}

    static HistoryEvent ev(long i, String client, EventKind k, String op, String detail, long nanos) {
        return new HistoryEvent(i, client, k, op, detail, "s" + i, nanos, Instant.parse("2026-11-21T10:00:00Z"));
    }

    static Run run() {
        ScenarioResult pass = new ScenarioResult(
                "xp-write-breaks-lease",
                "NFS WRITE breaks an SMB RWH lease",
                List.of("R-XP-1"),
                Verdict.PASS,
                "all expectations held",
                "interlock replay xp-write-breaks-lease --seed 7",
                7,
                120,
                List.of(
                        ev(0, "A", EventKind.INVOKE, "smb.open", "f RWH", 1_000_000),
                        ev(1, "A", EventKind.OK, "smb.open", "granted RWH", 2_000_000),
                        ev(2, "B", EventKind.INVOKE, "nfs.write", "f nfs", 3_000_000),
                        ev(3, "A", EventKind.BREAK, "break", "RWH->NONE ACK_REQUIRED", 3_500_000),
                        ev(4, "A", EventKind.ACK, "smb.ack", "NONE -> 0x00000000", 4_000_000),
                        ev(5, "B", EventKind.OK, "nfs.write", "3 bytes", 4_500_000)));
        ScenarioResult fail = new ScenarioResult(
                "xp-<evil>&\"quoted\"",
                "title with <script>alert(1)</script>",
                List.of("R-XP-2", "R-XP-3"),
                Verdict.FAIL,
                "expected break before <B's write> | but none",
                "interlock replay xp-evil --seed 9",
                9,
                80,
                List.of(
                        ev(0, "B", EventKind.INVOKE, "nfs.write", "<x>", 10),
                        ev(1, "B", EventKind.OK, "nfs.write", "", 20)));
        return new Run(Instant.parse("2026-11-21T10:00:00Z"), "embedded smb=127.0.0.1:1", 7, List.of(pass, fail));
    }
}
