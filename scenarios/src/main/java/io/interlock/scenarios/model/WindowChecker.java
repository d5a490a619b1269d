package io.interlock.scenarios.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a run's windows against the {@link ReferenceModel} (pure). It encodes the properties of
 * the race engine as window predictions: the right break (target, ack-required, epoch, stepwise,
 * refused acks), break before effect (no reply while a needed break is pending under WAIT/JUKEBOX;
 * the break no later than the reply under NOTIFY), timeouts fire (revocation exactly at sent + T,
 * nothing early), lock safety and liveness (no conflicting grant, GRANTED when the conflict goes),
 * share-list consistency, and status agreement.
 *
 * <p>Where several branches fit a window, the checker keeps every resulting state and checks the
 * next window against all of them (a later window decides, e.g. a READ after two racing WRITEs).
 *
 * <p><b>It stops at the first violating window</b>: it reports every disagreement of that window
 * (against the closest branch), and counts the later windows as unchecked. After a violation the
 * server's state and the model's have parted, so later findings would mostly be echoes of the first.
 * An unmodelled input likewise ends checking: its window and all later ones are unchecked.
 */
public final class WindowChecker {
    /** Candidate states kept at most; beyond that the rest of the run is unchecked. */
    static final int MAX_CANDIDATES = 64;

    private final ReferenceModel model = new ReferenceModel();

    public CheckResult check(ModelConfig config, List<Window> windows) {
        List<ModelState> candidates = List.of(ModelState.initial(config));
        int checked = 0;
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            List<ModelState> next = new ArrayList<>();
            List<Violation> closest = null;
            String unmodelled = null;
            for (ModelState c : candidates) {
                Prediction p = model.allowed(c, w.input());
                if (p.isUnmodelled()) {
                    unmodelled = p.unmodelled();
                    break;
                }
                for (Branch b : p.branches()) {
                    List<Violation> v = BranchMatcher.match(b, w);
                    if (v.isEmpty()) {
                        if (!next.contains(b.next())) {
                            next.add(b.next());
                        }
                    } else if (closest == null || v.size() < closest.size()) {
                        closest = v;
                    }
                }
            }
            int rest = windows.size() - i;
            if (unmodelled != null) {
                return new CheckResult(
                        List.of(),
                        checked,
                        rest,
                        List.of("window " + w.decision() + " unmodelled (" + unmodelled + "); it and the " + (rest - 1)
                                + " after it are unchecked"));
            }
            if (next.isEmpty()) {
                return new CheckResult(
                        closest,
                        checked,
                        rest,
                        List.of("stopped at the first violation, window " + w.decision() + "; it and the " + (rest - 1)
                                + " after it are not counted as checked"));
            }
            if (next.size() > MAX_CANDIDATES) {
                return new CheckResult(
                        List.of(),
                        checked + 1,
                        rest - 1,
                        List.of("more than " + MAX_CANDIDATES + " model states fit after window " + w.decision()
                                + "; the " + (rest - 1) + " after it are unchecked"));
            }
            checked++;
            candidates = next;
        }
        return new CheckResult(List.of(), checked, 0, List.of());
    }
}
