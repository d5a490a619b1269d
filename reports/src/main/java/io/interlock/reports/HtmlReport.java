package io.interlock.reports;

import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML compliance report (inline CSS and script, no external assets): a summary
 * header, the requirement matrix (one row per catalog requirement with the suite tests and the
 * scenarios citing it and the evidence its status rests on, filters by status and area, groups that
 * all pass collapsed), a table of every result (scenarios, suite tests, outside suites) and per
 * result a timeline of its history with one column per client, rows ordered by monotonic time.
 * Timelines of failing results are open with the failed step highlighted; those of passing ones are
 * collapsed. Every string from the run is escaped.
 */
public final class HtmlReport {
    private static final String CSS =
            """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#fff}
            main{max-width:1300px;margin:0 auto;padding:1.2em 2em 3em}
            header.top{padding:1em 2em;border-bottom:4px solid #176f2c;background:#f3faf4}
            header.top.failed{border-color:#b00020;background:#fdf2f3}
            header.top h1{margin:0 0 .4em;font-size:1.6em}
            .badge{display:inline-block;padding:2px 10px;border-radius:10px;color:#fff;font-weight:bold;font-size:.8em;vertical-align:middle}
            .badge.passed{background:#176f2c}.badge.failed{background:#b00020}
            table{border-collapse:collapse;margin:.5em 0}
            th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#f6f8fa}
            table.facts th{background:none;border:none;padding:1px 12px 1px 0;color:#57606a;font-weight:normal}
            table.facts td{border:none;padding:1px 0}
            h2{margin-top:1.6em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}
            h3{margin:1.2em 0 .3em}h3 small{font-weight:normal;color:#57606a}
            nav a{margin-right:1.2em}
            .chip{display:inline-block;padding:0 7px;border-radius:8px;font-size:.85em;font-weight:bold;white-space:nowrap}
            .v-PASS{background:#dafbe1;color:#116329}.v-FAIL{background:#ffebe9;color:#b00020}
            .v-EXPECTED_FAIL{background:#fff8c5;color:#7d4e00}.v-ERROR{background:#fff1e5;color:#953800}
            .v-SKIPPED{background:#eaeef2;color:#57606a}.v-KNOWN_FAIL{background:#f5e8ff;color:#6639ba}
            .v-XPASS{background:#ffebe9;color:#b00020;border:1px solid #b00020}.v-NOT_COVERED{background:#fff;color:#8c959f;border:1px dashed #afb8c1}
            tr.req-FAIL td:first-child{box-shadow:inset 4px 0 #b00020}tr.req-ERROR td:first-child{box-shadow:inset 4px 0 #bc4c00}
            code{background:#f6f8fa;padding:1px 4px;border-radius:3px;font-size:.92em;overflow-wrap:anywhere}
            .muted{color:#57606a}.nc summary{color:#57606a}.nc ul{margin:.3em 0;columns:2;color:#57606a}
            details.tl{margin:.8em 0;border:1px solid #d0d7de;border-radius:6px;padding:.4em .8em}
            details.tl[open]{padding-bottom:.8em}details.tl>summary{cursor:pointer;font-weight:600}
            details.tl.failing{border-color:#b00020}
            table.timeline{font-size:13px;width:100%}
            table.timeline td.t{font-family:ui-monospace,monospace;color:#57606a;text-align:right;white-space:nowrap}
            table.timeline td.step{font-family:ui-monospace,monospace;white-space:nowrap}
            .kind{display:inline-block;min-width:4.5em;font-family:ui-monospace,monospace;font-size:.85em;font-weight:bold}
            .k-INVOKE{color:#0550ae}.k-OK{color:#116329}.k-FAIL{color:#b00020}.k-INFO{color:#6e7781}
            .k-BREAK{color:#fff;background:#8250df;border-radius:3px;padding:0 4px}
            .k-ACK{color:#fff;background:#1b7c83;border-radius:3px;padding:0 4px}
            tr.ev-BREAK td{background:#fbefff}tr.ev-ACK td{background:#e6f6f6}
            tr.failed td{background:#ffebe9}tr.failed td:first-child{box-shadow:inset 5px 0 #b00020}
            .failmark{color:#fff;background:#b00020;border-radius:3px;padding:0 4px;font-size:.8em;font-weight:bold;margin-left:4px}
            .tgt{font-family:ui-monospace,monospace;font-size:.8em;background:#ddf4ff;color:#0550ae;border-radius:3px;padding:0 4px}
            .legend>span{margin-right:1.2em}.chip.zero{opacity:.4}
            .reason{margin:.3em 0}
            .filters{margin:.6em 0;padding:.4em .8em;background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px}
            .filters label{margin-right:.9em;white-space:nowrap}
            details.grp{margin:.8em 0;border:1px solid #d0d7de;border-radius:6px;padding:.3em .8em}
            details.grp>summary{cursor:pointer;font-weight:600;font-size:1.05em}
            details.grp>summary small{font-weight:normal;color:#57606a}
            td.ev{font-size:.9em;color:#57606a;max-width:34em;overflow-wrap:anywhere}
            .kindtag{font-size:.75em;color:#57606a;border:1px solid #d0d7de;border-radius:3px;padding:0 3px}
            """;

    private static final String SCRIPT =
            """
            function tl(open){document.querySelectorAll('details.tl').forEach(function(d){d.open=open;});}
            function grp(open){document.querySelectorAll('details.grp').forEach(function(d){if(!d.hidden){d.open=open;}});}
            function filt(){var st={};document.querySelectorAll('input.fst').forEach(function(c){st[c.value]=c.checked;});
            var a=document.getElementById('farea').value;
            document.querySelectorAll('tr.req').forEach(function(r){r.hidden=!(st[r.dataset.status]&&(!a||r.dataset.group===a));});
            document.querySelectorAll('details.grp').forEach(function(d){d.hidden=!!a&&d.dataset.group!==a;
            if(!d.hidden){var any=d.querySelector('tr.req:not([hidden])');d.hidden=!any;}});}
            """;

    private HtmlReport() {}

    public static String render(Run run) {
        return render(run, RequirementCatalog.bundled());
    }

    public static String render(Run run, RequirementCatalog catalog) {
        RequirementMatrix matrix = RequirementMatrix.of(run, catalog);
        StringBuilder b = new StringBuilder(32_768);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Interlock report: ")
                .append(run.passed() ? "passed" : "FAILED")
                .append("</title><style>")
                .append(CSS)
                .append("</style><script>")
                .append(SCRIPT)
                .append("</script></head><body>\n");
        header(b, run, matrix, catalog);
        b.append("<main>\n<nav><a href=\"#matrix\">Requirement matrix</a><a href=\"#scenarios\">Results</a>")
                .append("<a href=\"#timelines\">Timelines</a></nav>\n");
        matrix(b, run, matrix, catalog);
        scenarios(b, run);
        b.append("<h2 id=\"timelines\">Timelines</h2>\n<p class=\"legend\">")
                .append("<span><span class=\"kind k-BREAK\">BREAK</span> lease break received</span>")
                .append("<span><span class=\"kind k-ACK\">ACK</span> break acknowledged</span>")
                .append("<span><span class=\"failmark\">FAILED</span> the step the failure names</span>")
                .append("<button type=\"button\" onclick=\"tl(true)\">expand all</button> ")
                .append("<button type=\"button\" onclick=\"tl(false)\">collapse all</button></p>\n");
        for (int i = 0; i < run.scenarios().size(); i++) {
            timeline(b, run, i);
        }
        b.append("</main></body></html>\n");
        return b.toString();
    }

    private static void header(StringBuilder b, Run run, RequirementMatrix matrix, RequirementCatalog catalog) {
        boolean ok = run.passed();
        b.append("<header class=\"top ")
                .append(ok ? "passed" : "failed")
                .append("\"><h1>Interlock compliance report <span class=\"badge ")
                .append(ok ? "passed\">PASSED" : "failed\">FAILED")
                .append("</span></h1>\n<table class=\"facts\">");
        List<String> targets = run.targets();
        if (targets.size() > 1) {
            StringBuilder list = new StringBuilder();
            for (int i = 0; i < targets.size(); i++) {
                list.append(i == 0 ? "" : "<br>")
                        .append("<span class=\"tgt\">T")
                        .append(i + 1)
                        .append("</span> <code>")
                        .append(Text.html(targets.get(i)))
                        .append("</code>");
            }
            fact(b, "Targets", list.toString());
        } else {
            fact(b, "Target", codeList(targets.isEmpty() ? List.of("?") : targets));
        }
        fact(
                b,
                run.seeds().size() > 1 ? "Seeds" : "Seed",
                codeList(run.seeds().stream().map(String::valueOf).toList()));
        fact(b, "Started", Text.html(Text.when(run.startedAt())));
        StringBuilder counts = new StringBuilder();
        counts.append(run.scenarios().size())
                .append(" results")
                .append(ResultKind.counts(run))
                .append(": ");
        for (Verdict v : Verdict.values()) {
            counts.append("<span class=\"chip v-")
                    .append(v)
                    .append(run.count(v) == 0 ? " zero" : "")
                    .append("\">")
                    .append(run.count(v))
                    .append(' ')
                    .append(v)
                    .append("</span> ");
        }
        fact(b, "Results", counts.toString());
        StringBuilder reqs = new StringBuilder();
        reqs.append(matrix.covered()).append(" cited");
        if (catalog.size() > 0) {
            long coveredInCatalog = matrix.rows().stream()
                    .filter(r -> r.inCatalog() && r.status() != RequirementStatus.NOT_COVERED)
                    .count();
            reqs.append(" (")
                    .append(coveredInCatalog)
                    .append(" of ")
                    .append(catalog.size())
                    .append(" catalog requirements covered)");
        }
        reqs.append(": ");
        for (RequirementStatus s : RequirementStatus.values()) {
            if (s != RequirementStatus.NOT_COVERED) {
                reqs.append("<span class=\"chip v-")
                        .append(s)
                        .append(matrix.count(s) == 0 ? " zero" : "")
                        .append("\">")
                        .append(matrix.count(s))
                        .append(' ')
                        .append(s.label())
                        .append("</span> ");
            }
        }
        fact(b, "Requirements", reqs.toString());
        b.append("</table></header>\n");
    }

    private static void fact(StringBuilder b, String name, String html) {
        b.append("<tr><th>").append(name).append("</th><td>").append(html).append("</td></tr>\n");
    }

    private static String codeList(List<String> items) {
        StringBuilder b = new StringBuilder();
        for (String s : items) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append("<code>").append(Text.html(s)).append("</code>");
        }
        return b.toString();
    }

    private static void matrix(StringBuilder b, Run run, RequirementMatrix matrix, RequirementCatalog catalog) {
        b.append("<h2 id=\"matrix\">Requirement matrix</h2>\n");
        b.append("<p class=\"muted\">A requirement FAILs if any result citing it (catalog scenario, suite test or")
                .append(" outside suite) failed, is ERROR if none failed but one could not be carried out, PASSes")
                .append(" if the rest passed (an expected failure counts as passing evidence), and is SKIPPED if")
                .append(" every citing result was skipped.");
        if (catalog.size() > 0) {
            b.append(" Catalog requirements nothing cites are listed as not covered, with the reason where one")
                    .append(" is known.");
        }
        b.append(" Groups whose requirements all pass start collapsed.</p>\n");
        if (matrix.groups().isEmpty()) {
            b.append("<p>No result cites a requirement.</p>\n");
        } else {
            filters(b, matrix);
            groupTable(b, matrix);
        }
        CoverageNotes notes = CoverageNotes.bundled();
        for (RequirementMatrix.GroupRows g : matrix.groups()) {
            boolean allPass = g.rows().stream().allMatch(r -> r.status() == RequirementStatus.PASS);
            b.append("<details class=\"grp\" id=\"")
                    .append(groupAnchor(g.name()))
                    .append("\" data-group=\"")
                    .append(Text.html(g.name()))
                    .append('"')
                    .append(allPass ? "" : " open")
                    .append("><summary>")
                    .append(Text.html(g.name()))
                    .append(" <small>&mdash; ")
                    .append(Text.html(g.title()))
                    .append(" &middot; ")
                    .append(g.covered().size())
                    .append(" of ")
                    .append(g.rows().size())
                    .append(" covered</small> ");
            for (RequirementStatus st : RequirementStatus.values()) {
                long n = g.count(st);
                if (n > 0) {
                    b.append("<span class=\"chip v-")
                            .append(st)
                            .append("\">")
                            .append(n)
                            .append(' ')
                            .append(st.label())
                            .append("</span> ");
                }
            }
            b.append("</summary>\n<table class=\"matrix\"><tr><th>Requirement</th><th>Title</th><th>Status</th>")
                    .append("<th>Suite tests</th><th>Scenarios</th><th>Evidence</th></tr>\n");
            for (RequirementMatrix.Row r : g.rows()) {
                row(b, run, g, r, notes);
            }
            b.append("</table></details>\n");
        }
        if (!matrix.uncited().isEmpty()) {
            b.append("<p class=\"muted\">Results citing no requirement: ");
            for (ScenarioResult s : matrix.uncited()) {
                b.append("<a href=\"#")
                        .append(anchor(run, s))
                        .append("\">")
                        .append(Text.html(s.id()))
                        .append("</a> ");
            }
            b.append("</p>\n");
        }
    }

    /** Status checkboxes and an area menu that hide matrix rows (inline script, no assets). */
    private static void filters(StringBuilder b, RequirementMatrix matrix) {
        b.append("<div class=\"filters\">Status: ");
        for (RequirementStatus st : RequirementStatus.values()) {
            b.append("<label><input type=\"checkbox\" class=\"fst\" value=\"")
                    .append(st)
                    .append("\" checked onchange=\"filt()\"> ")
                    .append(st.label())
                    .append(" (")
                    .append(matrix.count(st))
                    .append(")</label>");
        }
        b.append(" Area: <select id=\"farea\" onchange=\"filt()\"><option value=\"\">all</option>");
        for (RequirementMatrix.GroupRows g : matrix.groups()) {
            b.append("<option value=\"")
                    .append(Text.html(g.name()))
                    .append("\">")
                    .append(Text.html(g.name()))
                    .append("</option>");
        }
        b.append("</select> <button type=\"button\" onclick=\"grp(true)\">expand all</button> ")
                .append("<button type=\"button\" onclick=\"grp(false)\">collapse all</button></div>\n");
    }

    private static void groupTable(StringBuilder b, RequirementMatrix matrix) {
        b.append("<table class=\"groups\"><tr><th>Group</th><th>Covered</th>");
        for (RequirementStatus s : RequirementStatus.values()) {
            if (s != RequirementStatus.NOT_COVERED) {
                b.append("<th>").append(s.label()).append("</th>");
            }
        }
        b.append("<th>not covered</th></tr>\n");
        for (RequirementMatrix.GroupRows g : matrix.groups()) {
            b.append("<tr><td><a href=\"#")
                    .append(groupAnchor(g.name()))
                    .append("\">")
                    .append(Text.html(g.name()))
                    .append("</a> <span class=\"muted\">")
                    .append(Text.html(g.title()))
                    .append("</span></td><td>")
                    .append(g.covered().size())
                    .append(" / ")
                    .append(g.rows().size())
                    .append("</td>");
            for (RequirementStatus s : RequirementStatus.values()) {
                long n = g.count(s);
                b.append("<td>");
                if (n > 0) {
                    b.append("<span class=\"chip v-")
                            .append(s)
                            .append("\">")
                            .append(n)
                            .append("</span>");
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static void row(
            StringBuilder b, Run run, RequirementMatrix.GroupRows g, RequirementMatrix.Row r, CoverageNotes notes) {
        b.append("<tr class=\"req req-")
                .append(r.status())
                .append("\" data-status=\"")
                .append(r.status())
                .append("\" data-group=\"")
                .append(Text.html(g.name()))
                .append("\"><td>")
                .append(Text.html(r.id()))
                .append("</td><td>")
                .append(r.inCatalog() ? Text.html(r.title()) : "<em class=\"muted\">not in the catalog</em>")
                .append("</td><td><span class=\"chip v-")
                .append(r.status())
                .append("\">")
                .append(r.status().label())
                .append("</span></td><td>");
        links(b, run, r.of(ResultKind.SUITE));
        List<ScenarioResult> outside = r.of(ResultKind.ADAPTER);
        if (!outside.isEmpty()) {
            if (!r.of(ResultKind.SUITE).isEmpty()) {
                b.append("<br>");
            }
            links(b, run, outside);
        }
        b.append("</td><td>");
        links(b, run, r.of(ResultKind.SCENARIO));
        b.append("</td><td class=\"ev\">");
        if (r.status() == RequirementStatus.NOT_COVERED) {
            b.append(Text.html(notes.note(r.id()).orElse("no scenario or suite test cites it")));
        } else {
            b.append(Text.html(r.evidence()));
        }
        b.append("</td></tr>\n");
    }

    private static void links(StringBuilder b, Run run, List<ScenarioResult> results) {
        boolean first = true;
        for (ScenarioResult s : results) {
            if (!first) {
                b.append("<br>");
            }
            first = false;
            b.append("<a href=\"#")
                    .append(anchor(run, s))
                    .append("\">")
                    .append(Text.html(ResultKind.shortName(s)))
                    .append("</a> <span class=\"chip v-")
                    .append(s.verdict())
                    .append("\">")
                    .append(s.verdict())
                    .append("</span>");
            if (run.targets().size() > 1) {
                b.append(' ').append(targetTag(run, s));
            }
        }
    }

    private static void scenarios(StringBuilder b, Run run) {
        boolean manyTargets = run.targets().size() > 1;
        b.append(
                        "<h2 id=\"scenarios\">Results</h2>\n<table class=\"scenarios\"><tr><th>Result</th><th>Kind</th><th>Title</th>")
                .append("<th>Requirements</th>")
                .append(manyTargets ? "<th>Target</th>" : "")
                .append("<th>Verdict</th><th>Reason</th><th>ms</th></tr>\n");
        for (ScenarioResult s : run.scenarios()) {
            b.append("<tr><td><a href=\"#")
                    .append(anchor(run, s))
                    .append("\">")
                    .append(Text.html(s.id()))
                    .append("</a></td><td><span class=\"kindtag\">")
                    .append(Text.html(kindOf(s)))
                    .append("</span></td><td>")
                    .append(Text.html(s.title()))
                    .append("</td><td>")
                    .append(Text.html(String.join(", ", s.requirements())))
                    .append("</td>");
            if (manyTargets) {
                b.append("<td>").append(targetTag(run, s)).append("</td>");
            }
            b.append("<td><span class=\"chip v-")
                    .append(s.verdict())
                    .append("\">")
                    .append(s.verdict())
                    .append("</span></td><td>")
                    .append(Text.html(s.reason()))
                    .append("</td><td class=\"t\">")
                    .append(s.durationMillis())
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static String kindOf(ScenarioResult s) {
        String src = ResultKind.source(s);
        return src == null ? ResultKind.of(s).label() : ResultKind.of(s).label() + " " + src;
    }

    /** "T2", with the full target as tooltip: merged runs name their targets in the header. */
    private static String targetTag(Run run, ScenarioResult s) {
        String target = run.targetOf(s);
        return "<span class=\"tgt\" title=\"" + Text.html(target) + "\">T"
                + (run.targets().indexOf(target) + 1) + "</span>";
    }

    /** Unique per result: a merged run may hold the same scenario id several times. */
    private static String anchor(Run run, ScenarioResult s) {
        int i = indexOf(run, s);
        return "s" + i + "-" + s.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
    }

    private static int indexOf(Run run, ScenarioResult s) {
        List<ScenarioResult> all = run.scenarios();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == s) {
                return i;
            }
        }
        return all.indexOf(s);
    }

    private static String groupAnchor(String group) {
        return "g-" + group.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
    }

    private static void timeline(StringBuilder b, Run run, int index) {
        ScenarioResult s = run.scenarios().get(index);
        boolean open = s.failed();
        b.append("<details class=\"tl")
                .append(open ? " failing" : "")
                .append("\" id=\"")
                .append(anchor(run, s))
                .append('"')
                .append(open ? " open" : "")
                .append("><summary><span class=\"chip v-")
                .append(s.verdict())
                .append("\">")
                .append(s.verdict())
                .append("</span> ")
                .append(Text.html(s.id()))
                .append(" <span class=\"muted\">")
                .append(Text.html(s.title()))
                .append("</span></summary>\n<p class=\"reason\">")
                .append(Text.html(s.reason()))
                .append("</p>\n")
                .append(
                        s.failedChecks().isEmpty()
                                ? ""
                                : "<p class=\"reason\">Failed: <code>" + Text.html(String.join(", ", s.failedChecks()))
                                        + "</code></p>\n")
                .append(
                        s.baseline() == null
                                ? ""
                                : "<p class=\"reason\">Baseline: " + Text.html(s.baseline()) + "</p>\n")
                .append("<p>Requirements: ")
                .append(Text.html(s.requirements().isEmpty() ? "none" : String.join(", ", s.requirements())))
                .append(" &middot; target <code>")
                .append(Text.html(run.targetOf(s)))
                .append("</code> &middot; reproduce: <code>")
                .append(Text.html(s.repro()))
                .append("</code></p>\n");
        if (s.history().isEmpty()) {
            b.append("<p>No events recorded.</p></details>\n");
            return;
        }
        Timeline t = Timeline.of(s);
        if (!t.failedSteps().isEmpty()) {
            b.append("<p>Failed step: <code>")
                    .append(Text.html(String.join(", ", t.failedSteps())))
                    .append("</code></p>\n");
        }
        b.append("<table class=\"timeline\"><tr><th>t (ms)</th><th>step</th>");
        for (String c : t.clients()) {
            b.append("<th>").append(Text.html(c)).append("</th>");
        }
        b.append("</tr>\n");
        for (HistoryEvent e : t.events()) {
            boolean failed = t.isFailure(e);
            b.append("<tr class=\"event ev-")
                    .append(e.kind())
                    .append(failed ? " failed" : "")
                    .append("\"><td class=\"t\">")
                    .append(t.millis(e))
                    .append("</td><td class=\"step\">")
                    .append(Text.html(e.step()));
            if (failed) {
                b.append("<span class=\"failmark\">FAILED</span>");
            }
            b.append("</td>");
            for (String c : t.clients()) {
                b.append("<td>");
                if (c.equals(e.client())) {
                    b.append("<span class=\"kind k-")
                            .append(e.kind())
                            .append("\">")
                            .append(e.kind())
                            .append("</span> ")
                            .append(Text.html(e.op()));
                    if (e.detail() != null && !e.detail().isEmpty()) {
                        b.append(" <code>").append(Text.html(e.detail())).append("</code>");
                    }
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table></details>\n");
    }
}
