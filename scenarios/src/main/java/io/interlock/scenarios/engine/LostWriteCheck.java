package io.interlock.scenarios.engine;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import io.interlock.scenarios.ops.NfsWriteOp;
import io.interlock.scenarios.ops.SmbOpenOp;
import io.interlock.scenarios.ops.SmbWriteOp;
import io.interlock.scenarios.ops.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lost-write property over a history ({@code expect: no-lost-write}).
 *
 * <p><b>Property.</b> Let N be an NFS WRITE of bytes D at range [o, o+|D|) of file P that the
 * server acknowledged (N's ok is in the history), and that no write to an overlapping range was
 * issued after N's ok (nothing legitimately superseded it). Then the final content of P in
 * [o, o+|D|) is D. In words: an acknowledged NFS write must not be overwritten by data an SMB
 * client had cached before that write was sent; with a write-caching SMB client that data reaches
 * the server only when the client flushes on the lease break, so a server that lets the NFS write
 * change the data before the holder has flushed and acknowledged (the NOTIFY policy, or a break
 * sent after the data change) loses N.
 *
 * <p>When N is lost, the reason names the write whose data took its place and, if it was flushed
 * by a caching client, how long after N's reply the flush was sent. The final content comes from
 * the NFS read the engine makes after the steps (recorded under {@link
 * Checks#contentStep(Expectation)} for protocol nfs).
 */
final class LostWriteCheck {
    private LostWriteCheck() {}

    /** A write of the program: an NFS WRITE or an SMB WRITE through a handle, with the file it hits. */
    record Write(String id, String client, boolean nfs, String path, long offset, String data) {
        byte[] bytes() {
            return data.getBytes(StandardCharsets.UTF_8);
        }

        boolean overlaps(long off, int len) {
            long we = offset + bytes().length;
            return offset < off + len && off < we;
        }
    }

    /** The program's writes, in step order, each with the path it writes (an SMB handle resolved through its open). */
    static List<Write> writes(Scenario sc) {
        List<Write> out = new ArrayList<>();
        java.util.Map<String, String> handles = new java.util.HashMap<>();
        for (Step s : sc.steps()) {
            if (s.op() instanceof SmbOpenOp o) {
                handles.put(o.client() + "/" + o.handleName(), o.path());
            } else if (s.op() instanceof NfsWriteOp w) {
                out.add(new Write(s.id(), w.client(), true, w.path(), w.offsetOrZero(), w.data()));
            } else if (s.op() instanceof SmbWriteOp w) {
                String path = handles.getOrDefault(w.client() + "/" + w.handleName(), w.path());
                out.add(new Write(s.id(), w.client(), false, path, w.offsetOrZero(), w.data()));
            }
        }
        return out;
    }

    static Checks.Outcome evaluate(Scenario sc, Expectation e, List<HistoryEvent> history) {
        String path = e.path();
        Expectation read = Expectation.finalNfsRead(path);
        Optional<HistoryEvent> fin = Checks.completion(history, Checks.contentStep(read));
        if (fin.isEmpty() || fin.get().kind() != EventKind.OK) {
            return new Checks.Outcome(
                    e,
                    false,
                    "cannot decide lost writes on " + path + ": the final NFS read "
                            + fin.map(h -> "failed: " + h.detail()).orElse("was not performed"));
        }
        byte[] content = fin.get().detail().getBytes(StandardCharsets.UTF_8);
        List<Write> writes = writes(sc);
        List<String> lost = new ArrayList<>();
        int checked = 0;
        for (Write n : writes) {
            if (!n.nfs() || !path.equals(n.path())) {
                continue;
            }
            Optional<HistoryEvent> ok = Checks.completion(history, n.id());
            if (ok.isEmpty() || ok.get().kind() != EventKind.OK) {
                continue; // not acknowledged: nothing was promised
            }
            int len = n.bytes().length;
            if (supersededAfter(writes, history, n, len, ok.get().index())) {
                continue;
            }
            checked++;
            String got = slice(content, n.offset(), len);
            if (got.equals(n.data())) {
                continue;
            }
            lost.add(explain(writes, history, n, ok.get(), got, len));
        }
        if (!lost.isEmpty()) {
            return new Checks.Outcome(e, false, String.join("; ", lost));
        }
        return new Checks.Outcome(
                e,
                true,
                checked == 0
                        ? "no acknowledged NFS write to " + path + " to lose"
                        : checked + " acknowledged NFS write(s) to " + path + " survive in the final content");
    }

    /** Whether a write overlapping {@code n}'s range of the same path was issued after {@code n}'s ok. */
    private static boolean supersededAfter(
            List<Write> writes, List<HistoryEvent> history, Write n, int len, long okIndex) {
        for (Write w : writes) {
            if (w == n || !n.path().equals(w.path()) || !w.overlaps(n.offset(), len)) {
                continue;
            }
            Optional<HistoryEvent> inv = invoke(history, w.id());
            if (inv.isPresent() && inv.get().index() > okIndex) {
                return true;
            }
        }
        return false;
    }

    private static String explain(
            List<Write> writes, List<HistoryEvent> history, Write n, HistoryEvent ok, String got, int len) {
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "lost write: NFS WRITE %s (\"%s\"@%d) was acknowledged, but the final content there is \"%s\"",
                n.id(),
                n.data(),
                n.offset(),
                got));
        for (Write c : writes) {
            if (c == n || !n.path().equals(c.path()) || !c.overlaps(n.offset(), len)) {
                continue;
            }
            if (!got.contains(c.data()) && !c.data().contains(got)) {
                continue;
            }
            b.append(", the data of ").append(c.id()).append(" (").append(c.client());
            Optional<HistoryEvent> cOk = Checks.completion(history, c.id());
            Optional<HistoryEvent> nInv = invoke(history, n.id());
            if (cOk.isPresent()
                    && nInv.isPresent()
                    && cOk.get().index() < nInv.get().index()) {
                b.append(", written before ").append(n.id()).append(" was sent");
            }
            b.append(')');
            Optional<HistoryEvent> flush = invoke(history, Checks.flushStep(c.id()));
            if (flush.isPresent()) {
                double ms = (flush.get().nanos() - ok.nanos()) / 1e6;
                b.append(String.format(
                        Locale.ROOT,
                        ms >= 0
                                ? ", which %s flushed from its cache %.1f ms after the NFS reply"
                                : ", which %s flushed from its cache %.1f ms before the NFS reply",
                        c.client(),
                        Math.abs(ms)));
            }
            break;
        }
        return b.toString();
    }

    private static Optional<HistoryEvent> invoke(List<HistoryEvent> history, String step) {
        return history.stream()
                .filter(h -> step.equals(h.step()) && h.kind() == EventKind.INVOKE)
                .findFirst();
    }

    private static String slice(byte[] content, long off, int len) {
        if (off >= content.length) {
            return "";
        }
        int end = (int) Math.min(content.length, off + len);
        return new String(content, (int) off, end - (int) off, StandardCharsets.UTF_8);
    }
}
