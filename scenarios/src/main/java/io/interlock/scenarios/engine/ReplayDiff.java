package io.interlock.scenarios.engine;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares two runs of the same recorded choices, which must agree exactly (the embedded target is
 * deterministic under lockstep): the verdict, the history signature and the scheduler's decisions.
 * The first divergence names where the engine let something decide that its schedule does not
 * control: the decision index and both lists of enabled actions there.
 */
public final class ReplayDiff {
    private ReplayDiff() {}

    /**
     * The history's signature: one line per client-visible event, {@code client kind op step
     * status}, with no times, handles, message ids or xids (they vary with the server's counters,
     * which a shared target carries across runs). Status is the failure's detail, or the break's
     * lease states; an OK carries none.
     */
    public static List<String> signature(List<HistoryEvent> events) {
        List<String> out = new ArrayList<>();
        for (HistoryEvent e : events) {
            if (e.kind() == EventKind.INFO && !e.op().startsWith("smb.break") && !e.op().equals("hang")) {
                continue;
            }
            String status =
                    switch (e.kind()) {
                        case FAIL, BREAK -> String.valueOf(e.detail());
                        default -> "";
                    };
            out.add(e.client() + " " + e.kind() + " " + e.op() + " " + (e.step() == null ? "-" : e.step()) + " "
                    + status);
        }
        return out;
    }

    /** What a run is judged by: its verdict and signature ("PASS", "FAIL R-SMB-85"). */
    public static String verdict(Explorer.Run r) {
        return r.result().verdict() + (r.signature() == null ? "" : " " + r.signature());
    }

    /**
     * The first difference between two runs of the same choices (empty: they agree), as a few
     * lines for a person: the verdicts, then the first decision that differs with both enabled-action
     * lists and the decisions before it, then the first history event that differs.
     */
    public static Optional<String> firstDivergence(Explorer.Run a, Explorer.Run b) {
        StringBuilder out = new StringBuilder();
        if (!verdict(a).equals(verdict(b))) {
            out.append("verdicts: ")
                    .append(verdict(a))
                    .append(" vs ")
                    .append(verdict(b))
                    .append('\n');
        }
        List<String> da = a.decisions();
        List<String> db = b.decisions();
        int d = firstDifference(da, db);
        if (d >= 0) {
            out.append("decisions differ at #")
                    .append(d)
                    .append(" (of ")
                    .append(da.size())
                    .append(" / ")
                    .append(db.size())
                    .append(")\n");
            for (int i = Math.max(0, d - 3); i < d; i++) {
                out.append("    same: ").append(da.get(i)).append('\n');
            }
            out.append("  a: ").append(d < da.size() ? da.get(d) : "(end)").append('\n');
            out.append("  b: ").append(d < db.size() ? db.get(d) : "(end)").append('\n');
        }
        List<HistoryEvent> ea = a.result().history();
        List<HistoryEvent> eb = b.result().history();
        List<String> sa = signature(ea);
        List<String> sb = signature(eb);
        int h = firstDifference(sa, sb);
        if (h >= 0) {
            out.append("history signatures differ at event ").append(h).append('\n');
            for (int i = Math.max(0, h - 3); i < h; i++) {
                out.append("    same: ").append(sa.get(i)).append('\n');
            }
            out.append("  a: ").append(h < sa.size() ? sa.get(h) : "(end)").append('\n');
            out.append("  b: ").append(h < sb.size() ? sb.get(h) : "(end)").append('\n');
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out.toString());
    }

    /**
     * Values the server makes up from counters that a shared target carries from run to run (file
     * ids, async ids, session ids): left out of the comparison, kept in what is printed.
     */
    private static final java.util.regex.Pattern SERVER_COUNTERS =
            java.util.regex.Pattern.compile("(fileId|async|sessionId|transformSessionId|treeId)=[0-9a-fA-Fx:]+");

    /** An NFS reply's word after the status: attribute times, from a virtual clock that runs on across runs. */
    private static final java.util.regex.Pattern NFS_TIMES =
            java.util.regex.Pattern.compile("( nfs TO_CLIENT [^|]*?wordAfterCookie=)OptionalInt\\[\\d+\\]");

    static String normalized(String line) {
        String s = SERVER_COUNTERS.matcher(line).replaceAll("$1=*");
        return NFS_TIMES.matcher(s).replaceAll("$1*");
    }

    private static int firstDifference(List<String> a, List<String> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!normalized(a.get(i)).equals(normalized(b.get(i)))) {
                return i;
            }
        }
        return a.size() == b.size() ? -1 : n;
    }
}
