package io.interlock.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes every rendering of a run into one directory. */
public final class Reports {
    public static final String RUN_JSON = "run.json";
    public static final String HTML = "report.html";
    public static final String JUNIT_XML = "junit.xml";
    public static final String MARKDOWN = "summary.md";

    private Reports() {}

    /** Writes run.json, report.html, junit.xml and summary.md into {@code dir} (created if needed). */
    public static void writeAll(Run run, Path dir) throws IOException {
        Files.createDirectories(dir);
        RunJson.write(run, dir.resolve(RUN_JSON));
        Files.writeString(dir.resolve(HTML), HtmlReport.render(run));
        Files.writeString(dir.resolve(JUNIT_XML), JunitXmlReport.render(run));
        Files.writeString(dir.resolve(MARKDOWN), MarkdownReport.render(run));
    }
}
