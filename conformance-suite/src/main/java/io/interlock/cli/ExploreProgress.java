package io.interlock.cli;

import io.interlock.reports.ScenarioResult;
import io.interlock.scenarios.engine.Explorer;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Explore's progress: on a terminal one bar redrawn in place (runs, programs/s, failures, shrink
 * step); elsewhere (CI logs) a plain line every tenth of the runs or every 15 s, and one per
 * failure and per finished shrink.
 */
final class ExploreProgress implements Explorer.Listener {
    private static final long LINE_EVERY_MILLIS = 15_000;
    private static final int BAR = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private final int total;
    private long lastLine;
    private int lastTenth;
    private int runs;
    private int failures;
    private long millis;

    /** @param total the runs planned (0: a time budget) */
    ExploreProgress(PrintWriter out, boolean terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    @Override
    public void ran(int runs, int failures, long millis) {
        this.runs = runs;
        this.failures = failures;
        this.millis = millis;
        if (terminal) {
            redraw(null);
            return;
        }
        int tenth = total > 0 ? runs * 10 / total : 0;
        if (tenth > lastTenth || millis - lastLine >= LINE_EVERY_MILLIS) {
            lastTenth = tenth;
            lastLine = millis;
            out.println("explore: " + status());
            out.flush();
        }
    }

    @Override
    public void failed(int run, String signature, ScenarioResult result) {
        endBar();
        out.println("explore: run " + run + " failed " + signature + ": " + result.reason());
        out.println("explore: shrinking run " + run + " ...");
        out.flush();
    }

    @Override
    public void shrinking(int step, int size, boolean accepted) {
        if (terminal) {
            redraw("shrinking: step " + step + ", " + size + " choices");
        }
    }

    @Override
    public void shrunk(Explorer.Failure f) {
        endBar();
        if (!f.reproduced()) {
            out.println("explore: run " + f.run() + " did not fail again on replay of the same choices: not shrunk");
            out.flush();
            return;
        }
        out.printf(
                Locale.ROOT,
                "explore: run %d shrunk to %d clients / %d ops in %d reruns (%.1f s)%n",
                f.run(),
                f.shrunkProgram().clients().size(),
                f.shrunkProgram().steps().size(),
                f.shrinkRuns(),
                f.shrinkMillis() / 1000.0);
        out.flush();
    }

    private String status() {
        double perSecond = millis == 0 ? 0 : runs * 1000.0 / millis;
        return String.format(
                Locale.ROOT,
                "%d%s programs, %.1f programs/s, %d failure%s",
                runs,
                total > 0 ? "/" + total : "",
                perSecond,
                failures,
                failures == 1 ? "" : "s");
    }

    private void redraw(String extra) {
        StringBuilder b = new StringBuilder("\r");
        if (total > 0) {
            int filled = Math.min(BAR, runs * BAR / total);
            b.append('[')
                    .append("#".repeat(filled))
                    .append(" ".repeat(BAR - filled))
                    .append("] ");
        }
        b.append(status());
        if (extra != null) {
            b.append("  ").append(extra);
        }
        b.append("\u001B[K"); // clear what a longer line left
        out.print(b);
        out.flush();
    }

    private void endBar() {
        if (terminal) {
            out.println();
        }
    }
}
