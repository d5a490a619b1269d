package io.interlock.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JunitXmlReportTest {
    @Test
    void render_run_isWellFormedWithOneTestcasePerScenario() throws Exception {
        String xml = JunitXmlReport.render(Samples.run());
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = doc.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(2);
        Element failed = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failed.getAttribute("message")).isEqualTo("expected break before <B's write> | but none");
        assertThat(failed.getTextContent()).contains("repro: interlock replay xp-evil --seed 9");
        assertThat(((Element) doc.getElementsByTagName("testcase").item(1)).getAttribute("name"))
                .isEqualTo("xp-<evil>&\"quoted\"");
    }
}
