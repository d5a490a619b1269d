package io.interlock.reports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What produced a result of the run, told by its id so that run.json needs no new field: a catalog
 * scenario ({@code xp-write-breaks-lease}), a conformance-suite test ({@code suite:smb/TEST}) or an
 * outside suite run through an adapter ({@code smbtorture:smb2.lease.breaking3}).
 */
public enum ResultKind {
    SCENARIO("scenario"),
    SUITE("suite test"),
    ADAPTER("outside suite");

    /** The id prefix of conformance-suite tests. */
    public static final String SUITE_PREFIX = "suite:";

    private final String label;

    ResultKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ResultKind of(ScenarioResult r) {
        String id = r.id();
        if (id.startsWith(SUITE_PREFIX)) {
            return SUITE;
        }
        return id.indexOf(':') > 0 ? ADAPTER : SCENARIO;
    }

    /**
     * " (22 scenarios, 177 suite tests)": how many results of each kind a run holds, or "" when it
     * holds scenarios only (the summaries of the reports and of {@code interlock run}).
     */
    public static String counts(Run run) {
        Map<ResultKind, Long> n = new EnumMap<>(ResultKind.class);
        run.scenarios().forEach(r -> n.merge(of(r), 1L, Long::sum));
        if (n.keySet().stream().allMatch(k -> k == SCENARIO)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        n.forEach((k, c) -> parts.add(c + " " + k.label() + (c == 1 ? "" : "s")));
        return " (" + String.join(", ", parts) + ")";
    }

    /**
     * The suite area or adapter of a result ({@code smb} for {@code suite:smb/x}, {@code smbtorture}
     * for {@code smbtorture:...}), or null for a scenario.
     */
    public static String source(ScenarioResult r) {
        String id = r.id();
        return switch (of(r)) {
            case SUITE -> {
                int slash = id.indexOf('/');
                yield slash < 0 ? id.substring(SUITE_PREFIX.length()) : id.substring(SUITE_PREFIX.length(), slash);
            }
            case ADAPTER -> id.substring(0, id.indexOf(':'));
            case SCENARIO -> null;
        };
    }

    /** The id without its kind prefix ({@code TEST} for {@code suite:smb/TEST}). */
    public static String shortName(ScenarioResult r) {
        String id = r.id();
        return switch (of(r)) {
            case SUITE -> id.substring(id.indexOf('/') + 1);
            case ADAPTER -> id.substring(id.indexOf(':') + 1);
            case SCENARIO -> id;
        };
    }
}
