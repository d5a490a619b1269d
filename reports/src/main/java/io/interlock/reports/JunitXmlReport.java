package io.interlock.reports;

import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML in the Ant/Surefire dialect that Jenkins, GitLab and GitHub test reporters read: a
 * {@code <testsuites>} root with one {@code <testsuite>} per target (one for a plain run, several
 * for merged shards) and one {@code <testcase>} per scenario result. The classname is {@code
 * interlock.GROUP.IDS} (e.g. {@code interlock.XP.R-XP-1,R-XP-7}) so tools that split classnames
 * into package and class group the cases by requirement. A FAIL is a {@code <failure>}, an ERROR an
 * {@code <error>}, a SKIPPED a {@code <skipped>}, each with the reason as message; an EXPECTED_FAIL
 * passes. {@code <system-out>} holds the repro line and a compact timeline.
 */
public final class JunitXmlReport {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private JunitXmlReport() {}

    public static String render(Run run) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "interlock");
            counts(w, run.scenarios());
            w.writeCharacters("\n");
            for (String target : run.targets()) {
                List<ScenarioResult> mine = new ArrayList<>();
                for (ScenarioResult s : run.scenarios()) {
                    if (target.equals(run.targetOf(s))) {
                        mine.add(s);
                    }
                }
                suite(w, run, target, mine);
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render JUnit XML", e);
        }
        return out.toString();
    }

    private static void suite(XMLStreamWriter w, Run run, String target, List<ScenarioResult> scenarios)
            throws XMLStreamException {
        w.writeStartElement("testsuite");
        w.writeAttribute("name", "interlock " + clean(target));
        counts(w, scenarios);
        if (run.startedAt() != null) {
            w.writeAttribute("timestamp", TIMESTAMP.format(run.startedAt().truncatedTo(ChronoUnit.SECONDS)));
        }
        w.writeCharacters("\n");
        w.writeStartElement("properties");
        property(w, "target", target);
        property(
                w,
                "seed",
                scenarios.stream().map(s -> String.valueOf(s.seed())).distinct().collect(Collectors.joining(",")));
        w.writeEndElement();
        w.writeCharacters("\n");
        for (ScenarioResult s : scenarios) {
            testcase(w, s);
        }
        w.writeEndElement();
        w.writeCharacters("\n");
    }

    private static void testcase(XMLStreamWriter w, ScenarioResult s) throws XMLStreamException {
        w.writeStartElement("testcase");
        w.writeAttribute("classname", classname(s));
        w.writeAttribute("name", clean(s.id()));
        w.writeAttribute("time", seconds(s.durationMillis()));
        String reason = clean(s.reason());
        switch (s.verdict()) {
            case FAIL -> failure(w, "failure", "ExpectationFailed", reason, s);
            case ERROR -> failure(w, "error", "ScenarioError", reason, s);
            case SKIPPED -> {
                w.writeEmptyElement("skipped");
                w.writeAttribute("message", reason);
            }
            // a listed failure must not turn the CI job red, yet stay visible: skipped, with its entry
            case KNOWN_FAIL -> {
                w.writeEmptyElement("skipped");
                w.writeAttribute("message", clean("known failure (baseline): " + s.baseline() + " | " + s.reason()));
            }
            case XPASS -> failure(w, "failure", "UnexpectedPass", clean(s.baseline()), s);
            case PASS, EXPECTED_FAIL -> {}
        }
        w.writeStartElement("system-out");
        StringBuilder out = new StringBuilder();
        out.append("repro: ").append(s.repro()).append('\n');
        out.append("verdict: ")
                .append(s.verdict())
                .append(" - ")
                .append(s.reason())
                .append('\n');
        if (s.baseline() != null) {
            out.append("baseline: ").append(s.baseline()).append('\n');
        }
        out.append(Timeline.of(s).text());
        w.writeCharacters(clean(out.toString()));
        w.writeEndElement();
        w.writeEndElement();
        w.writeCharacters("\n");
    }

    /** {@code interlock.XP.R-XP-1,R-XP-7}: the first cited ID's group, then every cited ID. */
    static String classname(ScenarioResult s) {
        if (s.requirements().isEmpty()) {
            return "interlock.uncited";
        }
        String group = RequirementCatalog.groupOf(s.requirements().get(0));
        // a dot inside an ID would split the class name elsewhere in the tools' tree
        return clean(
                "interlock." + group + "." + String.join(",", s.requirements()).replace('.', '_'));
    }

    private static void counts(XMLStreamWriter w, List<ScenarioResult> scenarios) throws XMLStreamException {
        w.writeAttribute("tests", Integer.toString(scenarios.size()));
        w.writeAttribute("failures", Long.toString(count(scenarios, Verdict.FAIL) + count(scenarios, Verdict.XPASS)));
        w.writeAttribute("errors", Long.toString(count(scenarios, Verdict.ERROR)));
        w.writeAttribute(
                "skipped", Long.toString(count(scenarios, Verdict.SKIPPED) + count(scenarios, Verdict.KNOWN_FAIL)));
        w.writeAttribute(
                "time",
                seconds(scenarios.stream()
                        .mapToLong(ScenarioResult::durationMillis)
                        .sum()));
    }

    private static long count(List<ScenarioResult> scenarios, Verdict v) {
        return scenarios.stream().filter(s -> s.verdict() == v).count();
    }

    private static void failure(XMLStreamWriter w, String element, String type, String message, ScenarioResult s)
            throws XMLStreamException {
        w.writeStartElement(element);
        w.writeAttribute("message", message);
        w.writeAttribute("type", type);
        w.writeCharacters(clean(s.verdict() + ": " + s.reason() + "\nrequirements: "
                + String.join(", ", s.requirements()) + "\nrepro: " + s.repro() + "\n"));
        w.writeEndElement();
    }

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeEmptyElement("property");
        w.writeAttribute("name", name);
        w.writeAttribute("value", clean(value));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** Makes the characters XML 1.0 cannot carry visible (see {@link Text#visible}). */
    static String clean(String s) {
        return Text.visible(s);
    }
}
