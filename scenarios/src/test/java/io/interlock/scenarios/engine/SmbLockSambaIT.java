package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.HistoryEvent;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.peers.SambaPeer;
import io.interlock.scenarios.targets.AddressTarget;
import org.junit.jupiter.api.Test;

/**
 * The smb.lock / smb.unlock steps against Samba, which implements SMB2 LOCK: a conflicting LOCK
 * and a WRITE into another open's exclusive range are refused with the statuses R-XP-10 names
 * for SMB, and the range is free again after UNLOCK. Proves the steps speak real LOCK bytes while
 * the embedded server still answers STATUS_NOT_SUPPORTED.
 */
class SmbLockSambaIT {
    private static final String YAML =
            """
            id: smb-lock-conflicts
            requirements: [R-XP-10]
            clients:
              A: {protocol: smb}
              C: {protocol: smb}
            steps:
              - {id: a-open, client: A, op: smb.open, path: f}
              - {id: a-write, client: A, op: smb.write, path: f, data: "0123456789abcdef"}
              - {id: a-lock, client: A, op: smb.lock, path: f, offset: 0, length: 10}
              - {id: c-open, client: C, op: smb.open, path: f}
              - {id: c-lock, client: C, op: smb.lock, path: f, offset: 5, length: 10, expectStatus: "STATUS_LOCK_NOT_GRANTED|STATUS_FILE_LOCK_CONFLICT"}
              - {id: c-shared, client: C, op: smb.lock, path: f, offset: 5, length: 1, exclusive: false, expectStatus: "STATUS_LOCK_NOT_GRANTED|STATUS_FILE_LOCK_CONFLICT"}
              - {id: c-write, client: C, op: smb.write, path: f, offset: 2, data: XX, expectStatus: STATUS_FILE_LOCK_CONFLICT}
              - {id: c-write-outside, client: C, op: smb.write, path: f, offset: 12, data: YY}
              - {id: a-unlock, client: A, op: smb.unlock, path: f, offset: 0, length: 10}
              - {id: a-unlock-again, client: A, op: smb.unlock, path: f, offset: 0, length: 10, expectStatus: STATUS_RANGE_NOT_LOCKED}
              - {id: c-lock-2, client: C, op: smb.lock, path: f, offset: 5, length: 10}
              - {id: c-unlock, client: C, op: smb.unlock, path: f, offset: 5, length: 10}
              - {id: c-read, client: C, op: smb.read, path: f, value: "0123456789abYYef"}
            """;

    @Test
    void smbLock_conflictingOpen_refusedThenFreeAfterUnlock() throws Exception {
        try (SambaPeer samba = SambaPeer.startOrSkip()) {
            AddressTarget target = AddressTarget.of(
                    "127.0.0.1", samba.port(), SambaPeer.SHARE, SambaPeer.USER, SambaPeer.PASSWORD, null);
            ScenarioResult r = ScenarioRunner.runOne(ScenarioCatalog.parse(YAML, "inline"), target, 1);
            for (HistoryEvent e : r.history()) {
                System.out.println(
                        "  " + e.client() + " " + e.kind() + " " + e.op() + " " + e.detail() + " [" + e.step() + "]");
            }
            assertThat(r.verdict()).as(r.reason()).isEqualTo(Verdict.PASS);
        }
    }
}
