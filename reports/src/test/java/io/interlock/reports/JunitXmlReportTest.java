package io.interlock.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlReportTest {
    private static Document parseValid(String xml) throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JunitXmlReportTest.class.getResource("/junit-surefire.xsd"))
                .newValidator()
                .validate(new StreamSource(new StringReader(xml)));
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document doc, String tag) {
        NodeList nl = doc.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }

    @Test
    void render_run_validAgainstSchemaWithOneTestcasePerScenario() throws Exception {
        Document doc = parseValid(JunitXmlReport.render(Samples.run()));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("2");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("time")).isEqualTo("0.200");
        List<Element> suites = elements(doc, "testsuite");
        assertThat(suites).hasSize(1);
        assertThat(suites.get(0).getAttribute("name")).isEqualTo("interlock embedded smb=127.0.0.1:1");
        assertThat(suites.get(0).getAttribute("timestamp")).isEqualTo("2026-11-21T10:00:00");
        assertThat(elements(doc, "testcase")).hasSize(2);
        Element failed = elements(doc, "failure").get(0);
        assertThat(failed.getAttribute("message")).isEqualTo("expected break before <B's write> | but none");
        assertThat(failed.getTextContent()).contains("repro: interlock replay xp-evil --seed 9");
        assertThat(elements(doc, "testcase").get(1).getAttribute("name")).isEqualTo("xp-<evil>&\"quoted\"");
    }

    @Test
    void render_classname_groupAndRequirementIds() throws Exception {
        Document doc = parseValid(JunitXmlReport.render(Samples.mixed()));
        assertThat(elements(doc, "testcase"))
                .extracting(e -> e.getAttribute("classname"))
                .containsExactly(
                        "interlock.XP.R-XP-1",
                        "interlock.XP.R-XP-3,R-SMB-81",
                        "interlock.XP.R-XP-1,R-XP-7",
                        "interlock.XP.R-XP-7",
                        "interlock.XP.R-XP-5",
                        "interlock.uncited",
                        "interlock.ZZ.R-ZZ-1");
    }

    @Test
    void render_verdicts_mapToFailureErrorSkippedAndPass() throws Exception {
        Document doc = parseValid(JunitXmlReport.render(Samples.mixed()));
        Element suite = elements(doc, "testsuite").get(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("7");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        List<Element> cases = elements(doc, "testcase");
        assertThat(cases.get(1).getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(cases.get(3).getElementsByTagName("error").getLength()).isEqualTo(1);
        assertThat(((Element) cases.get(4).getElementsByTagName("skipped").item(0)).getAttribute("message"))
                .isEqualTo("reason of xp-dir-lease");
        // EXPECTED_FAIL passes, and says why in its output
        assertThat(cases.get(2).getElementsByTagName("failure").getLength()).isZero();
        assertThat(cases.get(2).getElementsByTagName("system-out").item(0).getTextContent())
                .contains("verdict: EXPECTED_FAIL - known consequence of the notify policy");
    }

    @Test
    void render_systemOut_reproLineThenTimelineWithFailedStepMarked() throws Exception {
        Document doc = parseValid(JunitXmlReport.render(Samples.mixed()));
        String out = elements(doc, "testcase")
                .get(1)
                .getElementsByTagName("system-out")
                .item(0)
                .getTextContent();
        assertThat(out).startsWith("repro: interlock replay xp-read-breaks-write-caching --seed 3\n");
        assertThat(out).contains("      3.000 ms  B      INVOKE nfs.read  f  [b-read]\n".replaceFirst("^ ", ">"));
        assertThat(out).contains("  3.200 ms  A      BREAK  lease.break  RWH->RH ACK_REQUIRED\n");
        assertThat(out).contains(">     4.000 ms  B      FAIL   nfs.read  NFS3ERR_IO  [b-read]\n");
        assertThat(out).contains("      2.000 ms  A      OK     smb.open  granted RWH epoch=1  [a-open]\n");
    }

    @Test
    void render_mergedRun_oneSuitePerTarget() throws Exception {
        Run a = new Run(Instant.EPOCH, "target-a", 1, List.of(Samples.result("x", Verdict.PASS, "R-XP-1")));
        Run b = new Run(
                Instant.EPOCH,
                "target-b",
                2,
                List.of(Samples.result("x", Verdict.FAIL, "R-XP-1"), Samples.result("y", Verdict.PASS)));
        Document doc = parseValid(JunitXmlReport.render(Run.merge(List.of(a, b))));
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("3");
        List<Element> suites = elements(doc, "testsuite");
        assertThat(suites)
                .extracting(s -> s.getAttribute("name"))
                .containsExactly("interlock target-a", "interlock target-b");
        assertThat(suites).extracting(s -> s.getAttribute("tests")).containsExactly("1", "2");
        assertThat(suites).extracting(s -> s.getAttribute("failures")).containsExactly("0", "1");
    }

    @Test
    void render_controlCharactersAndCdataEnd_stayWellFormed() throws Exception {
        ScenarioResult nasty = new ScenarioResult(
                "bad\u0000id",
                "t",
                List.of("R-XP-1"),
                Verdict.FAIL,
                "reason with \u0007 bell and ]]> end",
                "interlock replay bad --seed 1",
                1,
                1,
                List.of(Samples.ev(0, "A", EventKind.FAIL, "op", "detail ]]> \u001b[31m", 1)));
        Document doc = parseValid(JunitXmlReport.render(new Run(Instant.EPOCH, "t", 1, List.of(nasty))));
        Element failure = elements(doc, "failure").get(0);
        assertThat(failure.getAttribute("message")).isEqualTo("reason with \\x07 bell and ]]> end");
        assertThat(elements(doc, "testcase").get(0).getAttribute("name")).isEqualTo("bad\\x00id");
        assertThat(elements(doc, "system-out").get(0).getTextContent()).contains("detail ]]> \\x1b[31m");
    }

    @Test
    void render_knownFailAndXpass_skippedAndFailure() throws Exception {
        ScenarioResult known = Samples.result("k", Verdict.FAIL, "R-XP-1")
                .withBaselineVerdict(Verdict.KNOWN_FAIL, "R-XP-1: ganesha breaks no lease (link)");
        ScenarioResult xpass = Samples.result("x", Verdict.PASS, "R-XP-2")
                .withBaselineVerdict(Verdict.XPASS, "listed in the baseline as known to fail, but passed: remove x");
        Document doc = parseValid(JunitXmlReport.render(new Run(Instant.EPOCH, "t", 1, List.of(known, xpass))));
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(doc.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
        assertThat(elements(doc, "skipped").get(0).getAttribute("message"))
                .startsWith("known failure (baseline): R-XP-1: ganesha breaks no lease");
        Element failure = elements(doc, "failure").get(0);
        assertThat(failure.getAttribute("type")).isEqualTo("UnexpectedPass");
        assertThat(failure.getAttribute("message")).contains("remove x");
    }
}
