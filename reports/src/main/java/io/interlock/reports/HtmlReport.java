package io.interlock.reports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A self-contained HTML page (inline CSS, no scripts or external assets): verdict summary, a table
 * of scenarios with their requirement IDs, and per scenario a timeline of its history with one
 * column per client, rows ordered by monotonic time. Timelines of failing scenarios are open,
 * those of passing ones collapsed.
 */
public final class HtmlReport {
    private static final String CSS =
            """
            body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
            h1{font-size:1.5em}table{border-collapse:collapse;margin:.5em 0}
            th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#f3f3f3}.PASS{color:#176f2c;font-weight:bold}.FAIL{color:#b00020;font-weight:bold}.EXPECTED_FAIL{color:#8a5a00;font-weight:bold}
            .ERROR{color:#a35200;font-weight:bold}.SKIPPED{color:#777;font-weight:bold}
            code{background:#f6f6f6;padding:1px 4px}details{margin:1em 0;border:1px solid #ddd;padding:.5em}
            summary{cursor:pointer}.t{font-family:monospace;color:#555;text-align:right}
            .ev-INVOKE{color:#1a4d8f}.ev-OK{color:#176f2c}.ev-FAIL{color:#b00020}
            .ev-BREAK{color:#7b1fa2;font-weight:bold}.ev-ACK{color:#00796b;font-weight:bold}.ev-INFO{color:#555}
            """;

    private HtmlReport() {}

    public static String render(Run run) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        b.append("<title>Interlock report</title><style>").append(CSS).append("</style></head><body>\n");
        b.append("<h1>Interlock report</h1>\n<p>Target: <code>")
                .append(Text.html(run.target()))
                .append("</code> &middot; started ")
                .append(Text.html(String.valueOf(run.startedAt())))
                .append(" &middot; seed <code>")
                .append(run.seed())
                .append("</code></p>\n");
        b.append("<p class=\"summary\">");
        for (Verdict v : Verdict.values()) {
            b.append("<span class=\"")
                    .append(v)
                    .append("\">")
                    .append(v)
                    .append(": ")
                    .append(run.count(v))
                    .append("</span> &nbsp; ");
        }
        b.append("</p>\n");
        b.append("<table class=\"scenarios\"><tr><th>Scenario</th><th>Title</th><th>Requirements</th>")
                .append("<th>Verdict</th><th>Reason</th><th>Repro</th></tr>\n");
        for (ScenarioResult s : run.scenarios()) {
            b.append("<tr><td><a href=\"#")
                    .append(anchor(s.id()))
                    .append("\">")
                    .append(Text.html(s.id()))
                    .append("</a></td><td>")
                    .append(Text.html(s.title()))
                    .append("</td><td>")
                    .append(Text.html(String.join(", ", s.requirements())))
                    .append("</td><td class=\"")
                    .append(s.verdict())
                    .append("\">")
                    .append(s.verdict())
                    .append("</td><td>")
                    .append(Text.html(s.reason()))
                    .append("</td><td><code>")
                    .append(Text.html(s.repro()))
                    .append("</code></td></tr>\n");
        }
        b.append("</table>\n<h2>Timelines</h2>\n");
        for (ScenarioResult s : run.scenarios()) {
            timeline(b, s);
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    private static String anchor(String id) {
        return "s-" + id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
    }

    private static void timeline(StringBuilder b, ScenarioResult s) {
        boolean open = s.verdict() == Verdict.FAIL || s.verdict() == Verdict.ERROR;
        b.append("<details id=\"")
                .append(anchor(s.id()))
                .append('"')
                .append(open ? " open" : "")
                .append("><summary><span class=\"")
                .append(s.verdict())
                .append("\">")
                .append(s.verdict())
                .append("</span> ")
                .append(Text.html(s.id()))
                .append(" &mdash; ")
                .append(Text.html(s.reason()))
                .append("</summary>\n<p>Repro: <code>")
                .append(Text.html(s.repro()))
                .append("</code></p>\n");
        if (s.history().isEmpty()) {
            b.append("<p>No events recorded.</p></details>\n");
            return;
        }
        Set<String> clientSet = new LinkedHashSet<>();
        for (HistoryEvent e : s.history()) {
            clientSet.add(e.client());
        }
        List<String> clients = new ArrayList<>(clientSet);
        List<HistoryEvent> events = new ArrayList<>(s.history());
        events.sort((x, y) ->
                x.nanos() != y.nanos() ? Long.compare(x.nanos(), y.nanos()) : Long.compare(x.index(), y.index()));
        long t0 = events.get(0).nanos();
        b.append("<table class=\"timeline\"><tr><th>t (ms)</th>");
        for (String c : clients) {
            b.append("<th>").append(Text.html(c)).append("</th>");
        }
        b.append("</tr>\n");
        for (HistoryEvent e : events) {
            b.append("<tr class=\"event\"><td class=\"t\">")
                    .append(String.format(Locale.ROOT, "%.3f", (e.nanos() - t0) / 1e6))
                    .append("</td>");
            for (String c : clients) {
                b.append("<td>");
                if (c.equals(e.client())) {
                    b.append("<span class=\"ev-")
                            .append(e.kind())
                            .append("\">")
                            .append(e.kind())
                            .append("</span> ")
                            .append(Text.html(e.op()));
                    if (e.detail() != null && !e.detail().isEmpty()) {
                        b.append(" <code>").append(Text.html(e.detail())).append("</code>");
                    }
                    if (e.step() != null) {
                        b.append(" <small>[").append(Text.html(e.step())).append("]</small>");
                    }
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table></details>\n");
    }
}
