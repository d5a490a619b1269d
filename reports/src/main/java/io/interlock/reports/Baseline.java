package io.interlock.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one target is known to fail, as data ({@code baselines/<target>.yaml}). Applying it to a run
 * ({@link #apply}) turns each listed failure into KNOWN_FAIL (the run passes), leaves new failures
 * as they are (the run fails), and turns a listed scenario that now passes into XPASS (the run fails
 * until the entry is removed).
 *
 * @param target the target the baseline is for (informational; e.g. {@code samba+ganesha})
 * @param known the known failures
 */
public record Baseline(String target, List<Entry> known) {

    /** The failed-check name of a result that could not be carried out. */
    public static final String ERROR_CHECK = "error";

    /** The prefix of a failed step's check name ({@code step:b-write}). */
    public static final String STEP_CHECK = "step";

    public Baseline {
        known = known == null ? List.of() : List.copyOf(known);
    }

    /**
     * One known failure.
     *
     * @param scenario the scenario id, or null for a property that fails wherever it is checked
     * @param property the failed check, or null for any failure of the scenario: an expectation kind
     *     ({@code break}, {@code no-break}, {@code content}, {@code no-lost-write}, {@code
     *     ack-before}, {@code latency}), {@code step} (any failed step) or {@code step:ID}, or {@code
     *     error} (the scenario could not be carried out)
     * @param requirement the requirement ID the target violates (R-XP-1, ...)
     * @param reason why this is the target's fault, checked against the spec
     * @param link where the reason is documented (a spec section, a bug report)
     */
    public record Entry(String scenario, String property, String requirement, String reason, String link) {
        public Entry {
            scenario = blankToNull(scenario);
            property = blankToNull(property);
            if (scenario == null && property == null) {
                throw new IllegalArgumentException("a baseline entry names a scenario or a property");
            }
            if (requirement == null || requirement.isBlank()) {
                throw new IllegalArgumentException(
                        "baseline entry " + name(scenario, property) + " needs a requirement");
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("baseline entry " + name(scenario, property) + " needs a reason");
            }
        }

        /** "scenario", "scenario/property" or "*&#47;property". */
        public String name() {
            return name(scenario, property);
        }

        private static String name(String scenario, String property) {
            return (scenario == null ? "*" : scenario) + (property == null ? "" : "/" + property);
        }

        /** The note a KNOWN_FAIL or XPASS result carries. */
        public String note() {
            return requirement + ": " + reason.strip()
                    + (link == null || link.isBlank() ? "" : " (" + link.strip() + ")");
        }

        boolean names(ScenarioResult r) {
            return scenario != null && scenario.equals(r.id());
        }

        boolean covers(String check) {
            if (property == null) {
                return true;
            }
            String p = property.toLowerCase(Locale.ROOT);
            String c = check.toLowerCase(Locale.ROOT);
            return c.equals(p) || (p.equals(STEP_CHECK) && c.startsWith(STEP_CHECK + ":"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * The run judged against this baseline. A FAIL or ERROR result whose every failed check is
     * covered by an entry for its scenario (or by a property entry without scenario) becomes
     * KNOWN_FAIL; a result without recorded checks is covered only by an entry without property. A
     * PASS or EXPECTED_FAIL result that an entry names becomes XPASS. SKIPPED results and entries
     * for scenarios the run did not include are left alone. A property entry without scenario that
     * covered nothing in a run with results adds one XPASS result, {@code baseline:PROPERTY}.
     */
    public Run apply(Run run) {
        List<ScenarioResult> out = new ArrayList<>();
        Set<Entry> used = new LinkedHashSet<>();
        boolean anyRan = false;
        for (ScenarioResult r : run.scenarios()) {
            anyRan |= r.verdict() != Verdict.SKIPPED;
            out.add(judge(r, used));
        }
        for (Entry e : known) {
            if (e.scenario() == null && !used.contains(e) && anyRan) {
                out.add(new ScenarioResult(
                        "baseline:" + e.property(),
                        "baseline entry " + e.name() + " no longer fails",
                        List.of(e.requirement()),
                        Verdict.XPASS,
                        "no scenario of this run failed " + e.property() + ", which the baseline lists as known to"
                                + " fail: remove the entry",
                        "",
                        run.seed(),
                        0,
                        List.of(),
                        null,
                        null,
                        e.note()));
            }
        }
        return run.withScenarios(out);
    }

    private ScenarioResult judge(ScenarioResult r, Set<Entry> used) {
        Verdict v = r.verdict();
        if (v == Verdict.FAIL || v == Verdict.ERROR) {
            List<String> checks =
                    r.failedChecks().isEmpty() && v == Verdict.ERROR ? List.of(ERROR_CHECK) : r.failedChecks();
            Map<Entry, Boolean> covering = new LinkedHashMap<>();
            boolean covered;
            if (checks.isEmpty()) {
                // an old run.json: only an entry for the whole scenario covers it
                Entry whole = known.stream()
                        .filter(e -> e.names(r) && e.property() == null)
                        .findFirst()
                        .orElse(null);
                covered = whole != null;
                if (covered) {
                    covering.put(whole, true);
                }
            } else {
                covered = true;
                for (String c : checks) {
                    Entry e = known.stream()
                            .filter(x -> (x.names(r) || x.scenario() == null) && x.covers(c))
                            .findFirst()
                            .orElse(null);
                    if (e == null) {
                        covered = false;
                    } else {
                        covering.put(e, true);
                    }
                }
            }
            if (!covered) {
                return r;
            }
            used.addAll(covering.keySet());
            return r.withBaselineVerdict(
                    Verdict.KNOWN_FAIL,
                    String.join(
                            "; ", covering.keySet().stream().map(Entry::note).toList()));
        }
        if (v.passed()) {
            List<Entry> stale = known.stream().filter(e -> e.names(r)).toList();
            if (!stale.isEmpty()) {
                used.addAll(stale);
                return r.withBaselineVerdict(
                        Verdict.XPASS,
                        "listed in the baseline as known to fail, but passed: remove "
                                + String.join(
                                        ", ", stale.stream().map(Entry::name).toList()) + " ("
                                + String.join(
                                        "; ", stale.stream().map(Entry::note).toList()) + ")");
            }
        }
        return r;
    }

    /**
     * A draft baseline from a run: one entry per FAIL or ERROR result (KNOWN_FAIL ones keep theirs
     * as drafted here), naming its scenario, the single failed property when there is exactly one,
     * and its first requirement. The reason is the failure as the run reported it, prefixed with
     * {@link #TO_CHECK}: a baseline entry is a claim about the target that someone must check
     * against the spec before committing it.
     */
    public static Baseline draft(Run run, String target) {
        List<Entry> entries = new ArrayList<>();
        for (ScenarioResult r : run.scenarios()) {
            if (r.verdict() != Verdict.FAIL && r.verdict() != Verdict.ERROR && r.verdict() != Verdict.KNOWN_FAIL) {
                continue;
            }
            List<String> checks = r.failedChecks();
            String property = checks.size() == 1 ? checks.get(0) : null;
            String requirement =
                    r.requirements().isEmpty() ? "R-?" : r.requirements().get(0);
            entries.add(new Entry(r.id(), property, requirement, TO_CHECK + r.reason(), null));
        }
        return new Baseline(target, entries);
    }

    /** Marks a drafted reason that nobody has checked against the spec yet. */
    public static final String TO_CHECK = "TO CHECK against the spec: ";
}
