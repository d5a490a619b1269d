package io.interlock.reports;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A short Markdown summary for a CI job page (GitHub's {@code $GITHUB_STEP_SUMMARY}): counts, the
 * requirement matrix of the cited requirements (the uncovered ones only counted per group, in a
 * collapsed block), and each failing scenario with its reason and repro line in code blocks.
 */
public final class MarkdownReport {
    private MarkdownReport() {}

    public static String render(Run run) {
        return render(run, RequirementCatalog.bundled());
    }

    public static String render(Run run, RequirementCatalog catalog) {
        RequirementMatrix matrix = RequirementMatrix.of(run, catalog);
        boolean manyTargets = run.targets().size() > 1;
        StringBuilder b = new StringBuilder();
        b.append("# Interlock: ").append(run.passed() ? "passed" : "FAILED").append("\n\n");
        if (manyTargets) {
            b.append("Targets:");
            for (int i = 0; i < run.targets().size(); i++) {
                b.append(i == 0 ? " " : ", ")
                        .append("**T")
                        .append(i + 1)
                        .append("** ")
                        .append(Text.mdText(run.targets().get(i)));
            }
        } else {
            b.append("Target: ")
                    .append(Text.mdText(
                            run.targets().isEmpty() ? "?" : run.targets().get(0)));
        }
        b.append(" · ")
                .append(run.seeds().size() > 1 ? "seeds " : "seed ")
                .append(run.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                .append(" · started ")
                .append(Text.mdText(Text.when(run.startedAt())))
                .append("\n\n");
        long passed = run.count(Verdict.PASS) + run.count(Verdict.EXPECTED_FAIL);
        b.append("**")
                .append(run.scenarios().size())
                .append(" results")
                .append(ResultKind.counts(run))
                .append(":** ")
                .append(passed)
                .append(" passed");
        if (run.count(Verdict.EXPECTED_FAIL) > 0) {
            b.append(" (").append(run.count(Verdict.EXPECTED_FAIL)).append(" as expected failures)");
        }
        b.append(", ")
                .append(run.count(Verdict.FAIL))
                .append(" failed, ")
                .append(run.count(Verdict.ERROR))
                .append(" errors, ")
                .append(run.count(Verdict.SKIPPED))
                .append(" skipped");
        if (run.count(Verdict.KNOWN_FAIL) > 0 || run.count(Verdict.XPASS) > 0) {
            b.append(", ")
                    .append(run.count(Verdict.KNOWN_FAIL))
                    .append(" known failures, ")
                    .append(run.count(Verdict.XPASS))
                    .append(" unexpected passes (XPASS)");
        }
        b.append("  \n");
        b.append("**Requirements:** ").append(matrix.covered()).append(" cited");
        if (catalog.size() > 0) {
            long inCatalog = matrix.rows().stream()
                    .filter(r -> r.inCatalog() && r.status() != RequirementStatus.NOT_COVERED)
                    .count();
            b.append(" (")
                    .append(inCatalog)
                    .append(" of ")
                    .append(catalog.size())
                    .append(" in the catalog)");
        }
        b.append(": ");
        b.append(List.of(
                                RequirementStatus.FAIL,
                                RequirementStatus.ERROR,
                                RequirementStatus.KNOWN_FAIL,
                                RequirementStatus.PASS,
                                RequirementStatus.SKIPPED)
                        .stream()
                        // known failures appear only in runs judged by a baseline
                        .filter(s -> s != RequirementStatus.KNOWN_FAIL || matrix.count(s) > 0)
                        .map(s -> matrix.count(s) + " " + s.label())
                        .collect(Collectors.joining(", ")))
                .append("\n");

        if (!matrix.groups().isEmpty()) {
            b.append("\n| Area | Covered | PASS | FAIL | ERROR | SKIPPED |\n|---|---|---|---|---|---|\n");
            for (RequirementMatrix.GroupRows g : matrix.groups()) {
                b.append("| ")
                        .append(Text.mdCell(g.name()))
                        .append(" | ")
                        .append(g.covered().size())
                        .append(" / ")
                        .append(g.rows().size())
                        .append(" | ")
                        .append(g.count(RequirementStatus.PASS))
                        .append(" | ")
                        .append(g.count(RequirementStatus.FAIL))
                        .append(" | ")
                        .append(g.count(RequirementStatus.ERROR))
                        .append(" | ")
                        .append(g.count(RequirementStatus.SKIPPED))
                        .append(" |\n");
            }
        }
        if (matrix.covered() > 0) {
            b.append("\n| Requirement | Status | Results |\n|---|---|---|\n");
            for (RequirementMatrix.GroupRows g : matrix.groups()) {
                for (RequirementMatrix.Row r : g.covered()) {
                    b.append("| ").append(Text.mdCell(r.id()));
                    if (r.inCatalog()) {
                        b.append(" ").append(Text.mdCell(r.title()));
                    } else {
                        b.append(" _(not in the catalog)_");
                    }
                    b.append(" | ")
                            .append(statusCell(r.status()))
                            .append(" | ")
                            .append(r.scenarios().stream()
                                    .map(s -> Text.mdCell(s.id())
                                            + (manyTargets ? " " + tag(run, s) : "")
                                            + (s.verdict() == Verdict.PASS ? "" : " (" + s.verdict() + ")"))
                                    .collect(Collectors.joining(", ")))
                            .append(" |\n");
                }
            }
        }
        List<RequirementMatrix.GroupRows> withGaps =
                matrix.groups().stream().filter(g -> !g.notCovered().isEmpty()).toList();
        if (!withGaps.isEmpty()) {
            b.append("\n<details><summary>Not covered: ")
                    .append(matrix.count(RequirementStatus.NOT_COVERED))
                    .append(" catalog requirements</summary>\n\n");
            for (RequirementMatrix.GroupRows g : withGaps) {
                b.append("- **")
                        .append(Text.mdText(g.name()))
                        .append("** (")
                        .append(g.covered().size())
                        .append(" of ")
                        .append(g.rows().size())
                        .append(" covered): ")
                        .append(g.notCovered().stream()
                                .map(r -> Text.mdText(r.id()))
                                .collect(Collectors.joining(", ")))
                        .append('\n');
                for (RequirementMatrix.Row r : g.notCovered()) {
                    CoverageNotes.bundled().note(r.id()).ifPresent(n -> b.append("  - ")
                            .append(Text.mdText(r.id()))
                            .append(": ")
                            .append(Text.mdText(n))
                            .append('\n'));
                }
            }
            b.append("\n</details>\n");
        }

        List<ScenarioResult> failing =
                run.scenarios().stream().filter(ScenarioResult::failed).toList();
        if (!failing.isEmpty()) {
            b.append("\n## Failing results\n");
            for (ScenarioResult s : failing) {
                b.append("\n### ").append(s.verdict()).append(": ").append(Text.mdText(s.id()));
                if (!s.requirements().isEmpty()) {
                    b.append(" (")
                            .append(Text.mdText(String.join(", ", s.requirements())))
                            .append(')');
                }
                if (manyTargets) {
                    b.append(" on ").append(tag(run, s));
                }
                b.append('\n');
                b.append('\n').append(Text.fenced("text", s.reason())).append('\n');
                if (!s.failedChecks().isEmpty()) {
                    b.append("Failed: ")
                            .append(Text.mdText(String.join(", ", s.failedChecks())))
                            .append("\n\n");
                }
                if (s.baseline() != null) {
                    b.append(Text.fenced("text", s.baseline())).append('\n');
                }
                b.append(Text.fenced("sh", s.repro()));
            }
        }
        List<ScenarioResult> known = run.scenarios().stream()
                .filter(s -> s.verdict() == Verdict.KNOWN_FAIL)
                .toList();
        if (!known.isEmpty()) {
            b.append("\n## Known failures (baseline)\n\n| Scenario | Failed | Baseline |\n|---|---|---|\n");
            for (ScenarioResult s : known) {
                b.append("| ")
                        .append(Text.mdCell(s.id()))
                        .append(manyTargets ? " " + tag(run, s) : "")
                        .append(" | ")
                        .append(Text.mdCell(s.failedChecks().isEmpty() ? "-" : String.join(", ", s.failedChecks())))
                        .append(" | ")
                        .append(Text.mdCell(s.baseline()))
                        .append(" |\n");
            }
        }
        return b.toString();
    }

    /** "T2": merged runs name their targets once, in the headline. */
    private static String tag(Run run, ScenarioResult s) {
        return "T" + (run.targets().indexOf(run.targetOf(s)) + 1);
    }

    private static String statusCell(RequirementStatus s) {
        return switch (s) {
            case PASS -> "✅ PASS";
            case FAIL -> "❌ **FAIL**";
            case ERROR -> "⚠️ **ERROR**";
            case KNOWN_FAIL -> "☑️ known failure";
            case SKIPPED -> "⏭️ SKIPPED";
            case NOT_COVERED -> "not covered";
        };
    }
}
