package io.interlock.scenarios.engine;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
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
        List<String> lost = new ArrayList<>();
        int checked = 0;
        for (Step n : sc.steps()) {
            if (!n.op().equals("nfs.write") || !path.equals(n.path()) || n.data() == null) {
                continue;
            }
            Optional<HistoryEvent> ok = Checks.completion(history, n.id());
            if (ok.isEmpty() || ok.get().kind() != EventKind.OK) {
                continue; // not acknowledged: nothing was promised
            }
            byte[] d = n.data().getBytes(StandardCharsets.UTF_8);
            long off = n.offsetOrZero();
            if (supersededAfter(sc, history, n, off, d.length, ok.get().nanos())) {
                continue;
            }
            checked++;
            String got = slice(content, off, d.length);
            if (got.equals(n.data())) {
                continue;
            }
            lost.add(explain(sc, history, n, ok.get(), got, off, d.length));
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

    /** Whether a write overlapping [off, off+len) of the same path was issued after {@code okNanos}. */
    private static boolean supersededAfter(
            Scenario sc, List<HistoryEvent> history, Step n, long off, int len, long okNanos) {
        for (Step w : sc.steps()) {
            if (w == n || !isWrite(w) || !n.path().equals(pathOf(sc, w)) || !overlaps(w, off, len)) {
                continue;
            }
            Optional<HistoryEvent> inv = invoke(history, w.id());
            if (inv.isPresent() && inv.get().nanos() > okNanos) {
                return true;
            }
        }
        return false;
    }

    private static String explain(
            Scenario sc, List<HistoryEvent> history, Step n, HistoryEvent ok, String got, long off, int len) {
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "lost write: NFS WRITE %s (\"%s\"@%d) was acknowledged, but the final content there is \"%s\"",
                n.id(),
                n.data(),
                off,
                got));
        for (Step c : sc.steps()) {
            if (c == n || !isWrite(c) || !n.path().equals(pathOf(sc, c)) || !overlaps(c, off, len)) {
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
                    && cOk.get().nanos() < nInv.get().nanos()) {
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

    static boolean isWrite(Step s) {
        return s.op().equals("nfs.write") || s.op().equals("smb.write");
    }

    private static boolean overlaps(Step w, long off, int len) {
        if (w.data() == null) {
            return false;
        }
        long wo = w.offsetOrZero();
        long we = wo + w.data().getBytes(StandardCharsets.UTF_8).length;
        return wo < off + len && off < we;
    }

    /** The file a step works on; an SMB step naming a handle resolves it through its open. */
    static String pathOf(Scenario sc, Step s) {
        if (s.op().startsWith("nfs.") || s.handle() == null) {
            return s.path();
        }
        for (Step o : sc.steps()) {
            if (o.op().equals("smb.open")
                    && o.client().equals(s.client())
                    && o.handleName().equals(s.handle())) {
                return o.path();
            }
        }
        return s.path();
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
