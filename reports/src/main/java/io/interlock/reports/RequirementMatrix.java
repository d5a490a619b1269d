package io.interlock.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requirements × scenarios of a run: every requirement ID the run's scenarios cite, plus every
 * catalog requirement none cites (status {@link RequirementStatus#NOT_COVERED}), grouped by ID
 * prefix in catalog order. Groups the catalog does not know come after, alphabetically, with
 * {@link RequirementCatalog#OTHER} last.
 *
 * @param groups non-empty groups in report order
 * @param uncited scenario results that cite no requirement
 */
public record RequirementMatrix(List<GroupRows> groups, List<ScenarioResult> uncited) {

    public RequirementMatrix {
        groups = List.copyOf(groups);
        uncited = List.copyOf(uncited);
    }

    /**
     * One requirement.
     *
     * @param id the requirement ID as cited
     * @param title the catalog's title, or null if the catalog does not know the ID
     * @param status aggregate over {@code scenarios}
     * @param scenarios the results citing it, in run order
     */
    public record Row(String id, String title, RequirementStatus status, List<ScenarioResult> scenarios) {
        public Row {
            scenarios = List.copyOf(scenarios);
        }

        public boolean inCatalog() {
            return title != null;
        }

        /** The results of one kind (scenarios, suite tests, outside suites) among those citing it. */
        public List<ScenarioResult> of(ResultKind kind) {
            return scenarios.stream().filter(s -> ResultKind.of(s) == kind).toList();
        }

        /**
         * What the status rests on, in one line: the first failing (or erroring) result's reason, the
         * first skip reason when all were skipped, or how many results passed.
         */
        public String evidence() {
            for (RequirementStatus want : List.of(RequirementStatus.FAIL, RequirementStatus.ERROR)) {
                if (status == want) {
                    Verdict v = want == RequirementStatus.FAIL ? Verdict.FAIL : Verdict.ERROR;
                    return scenarios.stream()
                            .filter(s -> s.verdict() == v)
                            .findFirst()
                            .map(s -> s.id() + ": " + s.reason())
                            .orElse("");
                }
            }
            if (status == RequirementStatus.SKIPPED) {
                return scenarios.isEmpty() ? "" : "skipped: " + scenarios.get(0).reason();
            }
            if (status == RequirementStatus.NOT_COVERED) {
                return "";
            }
            long passed = scenarios.stream()
                    .filter(s -> s.verdict() == Verdict.PASS || s.verdict() == Verdict.EXPECTED_FAIL)
                    .count();
            return passed + " of " + scenarios.size() + " results passed";
        }
    }

    /** The rows of one ID prefix, in ID order. */
    public record GroupRows(String name, String title, List<Row> rows) {
        public GroupRows {
            rows = List.copyOf(rows);
        }

        /** Rows some scenario cites, in ID order. */
        public List<Row> covered() {
            return rows.stream()
                    .filter(r -> r.status() != RequirementStatus.NOT_COVERED)
                    .toList();
        }

        /** Catalog rows no scenario cites, in ID order. */
        public List<Row> notCovered() {
            return rows.stream()
                    .filter(r -> r.status() == RequirementStatus.NOT_COVERED)
                    .toList();
        }

        public long count(RequirementStatus s) {
            return rows.stream().filter(r -> r.status() == s).count();
        }
    }

    public static RequirementMatrix of(Run run, RequirementCatalog catalog) {
        Map<String, List<ScenarioResult>> citing = new LinkedHashMap<>();
        List<ScenarioResult> uncited = new ArrayList<>();
        for (ScenarioResult s : run.scenarios()) {
            if (s.requirements().isEmpty()) {
                uncited.add(s);
            }
            for (String id : s.requirements().stream().distinct().toList()) {
                citing.computeIfAbsent(id, k -> new ArrayList<>()).add(s);
            }
        }
        Map<String, List<Row>> byGroup = new LinkedHashMap<>();
        for (RequirementCatalog.Group g : catalog.groups()) {
            byGroup.put(g.name(), new ArrayList<>());
        }
        for (RequirementCatalog.Requirement r : catalog.requirements()) {
            byGroup.get(r.group()).add(row(r.id(), r.title(), citing.getOrDefault(r.id(), List.of())));
        }
        Map<String, List<Row>> unknown =
                new TreeMap<>(Comparator.comparing((String g) -> g.equals(RequirementCatalog.OTHER))
                        .thenComparing(Comparator.naturalOrder()));
        for (Map.Entry<String, List<ScenarioResult>> e : citing.entrySet()) {
            if (catalog.find(e.getKey()).isPresent()) {
                continue;
            }
            String g = RequirementCatalog.groupOf(e.getKey());
            (byGroup.containsKey(g) ? byGroup : unknown)
                    .computeIfAbsent(g, k -> new ArrayList<>())
                    .add(row(e.getKey(), null, e.getValue()));
        }
        byGroup.putAll(unknown);
        List<GroupRows> groups = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : byGroup.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            List<Row> rows = new ArrayList<>(e.getValue());
            rows.sort(Comparator.comparing(Row::id, RequirementCatalog.ID_ORDER));
            String title = catalog.groups().stream()
                    .filter(g -> g.name().equals(e.getKey()))
                    .map(RequirementCatalog.Group::title)
                    .findFirst()
                    .orElse(
                            e.getKey().equals(RequirementCatalog.OTHER)
                                    ? "IDs of no known shape"
                                    : "not in the catalog");
            groups.add(new GroupRows(e.getKey(), title, rows));
        }
        return new RequirementMatrix(groups, uncited);
    }

    private static Row row(String id, String title, List<ScenarioResult> scenarios) {
        return new Row(
                id,
                title,
                RequirementStatus.of(
                        scenarios.stream().map(ScenarioResult::verdict).toList()),
                scenarios);
    }

    /** Every row, group by group. */
    public List<Row> rows() {
        return groups.stream().flatMap(g -> g.rows().stream()).toList();
    }

    public long count(RequirementStatus s) {
        return rows().stream().filter(r -> r.status() == s).count();
    }

    /** Rows some scenario cites. */
    public long covered() {
        return rows().size() - count(RequirementStatus.NOT_COVERED);
    }
}
