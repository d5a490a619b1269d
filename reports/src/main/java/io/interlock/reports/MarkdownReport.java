package io.interlock.reports;

/** A Markdown summary for a CI job page: counts, one table row per scenario, repro lines of failures. */
public final class MarkdownReport {
    private MarkdownReport() {}

    public static String render(Run run) {
        StringBuilder b = new StringBuilder();
        b.append("# Interlock: ").append(run.passed() ? "passed" : "FAILED").append("\n\n");
        b.append("Target: `")
                .append(run.target())
                .append("`, seed ")
                .append(run.seed())
                .append("\n\n");
        for (Verdict v : Verdict.values()) {
            b.append("- ").append(v).append(": ").append(run.count(v)).append('\n');
        }
        b.append("\n| Scenario | Requirements | Verdict | Reason |\n|---|---|---|---|\n");
        for (ScenarioResult s : run.scenarios()) {
            b.append("| ")
                    .append(Text.mdCell(s.id()))
                    .append(" | ")
                    .append(Text.mdCell(String.join(", ", s.requirements())))
                    .append(" | ")
                    .append(s.verdict() == Verdict.PASS ? "PASS" : "**" + s.verdict() + "**")
                    .append(" | ")
                    .append(Text.mdCell(s.reason()))
                    .append(" |\n");
        }
        boolean any = false;
        for (ScenarioResult s : run.scenarios()) {
            if (s.verdict() == Verdict.FAIL || s.verdict() == Verdict.ERROR) {
                if (!any) {
                    b.append("\n## Reproduce\n\n```\n");
                    any = true;
                }
                b.append(s.repro()).append('\n');
            }
        }
        if (any) {
            b.append("```\n");
        }
        return b.toString();
    }
}
