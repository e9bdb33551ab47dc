package dev.shakedown.report;

import static dev.shakedown.report.ScenarioResults.all;
import static dev.shakedown.report.ScenarioResults.event;
import static dev.shakedown.report.ScenarioResults.result;
import static dev.shakedown.report.ScenarioResults.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.check.Verdict.Status;
import dev.shakedown.report.ScenarioResult.Outcome;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ScenarioJUnitXmlTest {

  static final ScenarioResult RESULT = result("PodKillScenario#kill", Outcome.FAILED,
      List.of(all(verdict("no-lost-writes", Status.VALID), verdict("availability", Status.INVALID),
          verdict("pods-placed", Status.UNKNOWN))), Map.of(),
      List.of(event(0, "phase", "begin", "steady", ""), event(1500, "phase", "end", "steady", ""),
          event(1600, "phase", "begin", "inject", ""), event(1700, "fault", "inject", "pod-kill", ""),
          event(2100, "phase", "end", "inject", ""), event(2200, "phase", "begin", "heal", ""),
          event(2300, "phase", "failed", "heal", "pod <web-1> never came back"), event(2400, "phase", "begin", "verify", "")));

  @Test
  void everyPhaseCheckAndTheOutcomeIsATestCase() throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(ScenarioJUnitXml.xml(RESULT).getBytes(StandardCharsets.UTF_8)));
    Element suite = doc.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("name")).isEqualTo("PodKillScenario#kill");
    NodeList cases = suite.getElementsByTagName("testcase");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      names.add(((Element) cases.item(i)).getAttribute("name"));
    }
    assertThat(names).containsExactly("phase 01 steady", "phase 02 inject", "phase 03 heal", "phase 04 verify",
        "check no-lost-writes", "check availability", "check pods-placed", "outcome");
    assertThat(suite.getAttribute("tests")).isEqualTo("8");
    // heal threw, verify never ended, availability INVALID, the outcome failed
    assertThat(suite.getAttribute("failures")).isEqualTo("4");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    Element steady = (Element) cases.item(0);
    assertThat(steady.getAttribute("time")).isEqualTo("1.500");
    assertThat(steady.getElementsByTagName("failure").getLength()).isZero();
    Element heal = (Element) cases.item(2);
    assertThat(((Element) heal.getElementsByTagName("failure").item(0)).getAttribute("message"))
        .isEqualTo("pod <web-1> never came back");
    Element outcome = (Element) cases.item(7);
    assertThat(outcome.getAttribute("time")).isEqualTo("42.000");
    assertThat(outcome.getElementsByTagName("failure").item(0).getTextContent()).contains("at line 2");
  }
}
