package io.interlock.reports;

import java.time.Instant;
import java.util.List;

final class Samples {
    private Samples() {}

    static HistoryEvent ev(long i, String client, EventKind k, String op, String detail, long nanos) {
        return ev(i, client, k, op, detail, "s" + i, nanos);
    }

    static HistoryEvent ev(long i, String client, EventKind k, String op, String detail, String step, long nanos) {
        return new HistoryEvent(i, client, k, op, detail, step, nanos, Instant.parse("2026-11-21T10:00:00Z"));
    }

    static ScenarioResult result(String id, Verdict v, String... requirements) {
        return new ScenarioResult(
                id,
                "title of " + id,
                List.of(requirements),
                v,
                "reason of " + id,
                "interlock replay " + id + " --seed 1",
                1,
                10,
                List.of());
    }

    /** A passing scenario with a break and an ack, and a failing one full of hostile strings. */
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

    /**
     * Every verdict: a step failure the reason names (b-write), an expected failure, an error, a
     * skip, a scenario citing nothing and one citing an ID the catalog does not know.
     */
    static Run mixed() {
        ScenarioResult stepFail = new ScenarioResult(
                "xp-read-breaks-write-caching",
                "NFS READ strips W",
                List.of("R-XP-3", "R-SMB-81"),
                Verdict.FAIL,
                "step b-read (nfs.read) failed: NFS3ERR_IO",
                "interlock replay xp-read-breaks-write-caching --seed 3",
                3,
                250,
                List.of(
                        ev(0, "engine", EventKind.INFO, "scenario.start", "seed=3", null, 0),
                        ev(1, "A", EventKind.INVOKE, "smb.open", "f RWH", "a-open", 1_000_000),
                        ev(2, "A", EventKind.OK, "smb.open", "granted RWH epoch=1", "a-open", 2_000_000),
                        ev(3, "B", EventKind.INVOKE, "nfs.read", "f", "b-read", 3_000_000),
                        ev(5, "A", EventKind.BREAK, "lease.break", "RWH->RH ACK_REQUIRED", null, 3_200_000),
                        ev(4, "A", EventKind.ACK, "smb.ack", "RH", "a-ack", 3_900_000),
                        ev(6, "B", EventKind.FAIL, "nfs.read", "NFS3ERR_IO", "b-read", 4_000_000)));
        ScenarioResult expected = new ScenarioResult(
                "xp-lost-write-notify",
                "Lost write under NOTIFY",
                List.of("R-XP-1", "R-XP-7"),
                Verdict.EXPECTED_FAIL,
                "known consequence of the notify policy: lost write",
                "interlock replay xp-lost-write-notify --seed 3",
                3,
                600,
                List.of());
        return new Run(
                Instant.parse("2026-11-21T11:00:00Z"),
                "embedded smb=127.0.0.1:2",
                3,
                List.of(
                        result("xp-write-breaks-lease", Verdict.PASS, "R-XP-1"),
                        stepFail,
                        expected,
                        result("xp-wait-no-ack-times-out", Verdict.ERROR, "R-XP-7"),
                        result("xp-dir-lease", Verdict.SKIPPED, "R-XP-5"),
                        result("smoke", Verdict.PASS),
                        result("future", Verdict.PASS, "R-ZZ-1")));
    }
}
