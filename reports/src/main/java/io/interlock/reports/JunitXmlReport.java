package io.interlock.reports;

import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** JUnit XML (the Ant/Surefire dialect CI systems read): one testcase per scenario. */
public final class JunitXmlReport {
    private JunitXmlReport() {}

    public static String render(Run run) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", "interlock");
            w.writeAttribute("tests", Integer.toString(run.scenarios().size()));
            w.writeAttribute("failures", Long.toString(run.count(Verdict.FAIL)));
            w.writeAttribute("errors", Long.toString(run.count(Verdict.ERROR)));
            w.writeAttribute("skipped", Long.toString(run.count(Verdict.SKIPPED)));
            w.writeAttribute("timestamp", String.valueOf(run.startedAt()));
            long total = run.scenarios().stream()
                    .mapToLong(ScenarioResult::durationMillis)
                    .sum();
            w.writeAttribute("time", seconds(total));
            w.writeCharacters("\n");
            w.writeStartElement("properties");
            property(w, "target", run.target());
            property(w, "seed", Long.toString(run.seed()));
            w.writeEndElement();
            w.writeCharacters("\n");
            for (ScenarioResult s : run.scenarios()) {
                w.writeStartElement("testcase");
                w.writeAttribute("classname", "interlock.scenarios");
                w.writeAttribute("name", s.id());
                w.writeAttribute("time", seconds(s.durationMillis()));
                String body = "requirements: " + String.join(", ", s.requirements()) + "\nrepro: " + s.repro() + "\n"
                        + historyText(s);
                switch (s.verdict()) {
                    case FAIL -> failure(w, "failure", s.reason(), body);
                    case ERROR -> failure(w, "error", s.reason(), body);
                    case SKIPPED -> {
                        w.writeEmptyElement("skipped");
                        w.writeAttribute("message", nz(s.reason()));
                    }
                    case PASS, EXPECTED_FAIL -> {}
                }
                w.writeStartElement("system-out");
                w.writeCharacters("repro: " + s.repro() + "\n");
                w.writeEndElement();
                w.writeEndElement();
                w.writeCharacters("\n");
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render JUnit XML", e);
        }
        return out.toString();
    }

    private static void failure(XMLStreamWriter w, String element, String message, String body)
            throws XMLStreamException {
        w.writeStartElement(element);
        w.writeAttribute("message", nz(message));
        w.writeAttribute("type", element.equals("failure") ? "ExpectationFailed" : "ScenarioError");
        w.writeCharacters(body);
        w.writeEndElement();
    }

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeEmptyElement("property");
        w.writeAttribute("name", name);
        w.writeAttribute("value", nz(value));
    }

    static String historyText(ScenarioResult s) {
        StringBuilder b = new StringBuilder();
        long t0 = s.history().isEmpty() ? 0 : s.history().get(0).nanos();
        for (HistoryEvent e : s.history()) {
            b.append(String.format(
                    Locale.ROOT,
                    "%9.3f ms  %-6s %-6s %s %s%n",
                    (e.nanos() - t0) / 1e6,
                    e.client(),
                    e.kind(),
                    e.op(),
                    e.detail() == null ? "" : e.detail()));
        }
        return b.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
