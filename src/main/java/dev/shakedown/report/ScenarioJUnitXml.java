package dev.shakedown.report;

import dev.shakedown.check.Verdict;
import dev.shakedown.history.TimelineEvent;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * One scenario as a JUnit XML test suite, so a CI interface shows where a run failed: a test case per phase (in
 * timeline order, its time from begin to end, a failure when the phase threw), one per checker part ({@code check
 * <name>}: INVALID is a failure, UNKNOWN is skipped), and {@code outcome}, failing with the test's own failure. In an
 * aborted scenario (not in steady state) the phase that threw is skipped, not failed.
 */
public final class ScenarioJUnitXml {

  private ScenarioJUnitXml() {}

  /** A test case: name, seconds, failure message ({@code null}: passed), skipped message ({@code null}: ran). */
  record Case(String name, double seconds, String failure, String skipped) {}

  /** The suite's test cases, in order. */
  static List<Case> cases(ScenarioResult result) {
    List<Case> cases = new ArrayList<>();
    int n = 0;
    List<TimelineEvent> events = result.events();
    for (int i = 0; i < events.size(); i++) {
      TimelineEvent begin = events.get(i);
      if (!"phase".equals(begin.source()) || !"begin".equals(begin.kind())) {
        continue;
      }
      TimelineEvent end = null;
      for (int j = i + 1; j < events.size() && end == null; j++) {
        TimelineEvent e = events.get(j);
        if ("phase".equals(e.source()) && begin.subject().equals(e.subject())
            && ("end".equals(e.kind()) || "failed".equals(e.kind()))) {
          end = e;
        }
      }
      String name = String.format(Locale.ROOT, "phase %02d %s", ++n, begin.subject());
      if (end == null) {
        cases.add(new Case(name, 0, "never ended", null));
      } else {
        double seconds = (end.recordedNanos() - begin.recordedNanos()) / 1e9;
        boolean failed = "failed".equals(end.kind());
        boolean aborted = result.outcome() == ScenarioResult.Outcome.ABORTED;   // e.g. not in steady state
        cases.add(new Case(name, seconds, failed && !aborted ? end.detail() : null, failed && aborted ? end.detail()
            : null));
      }
    }
    result.verdicts().stream().flatMap(v -> v.leaves().stream()).forEach(v -> cases.add(new Case("check "
        + v.checker(), 0, v.isInvalid() ? v.summary() : null, v.isUnknown() ? v.summary() : null)));
    cases.add(new Case("outcome", result.duration().toMillis() / 1000.0,
        result.outcome() == ScenarioResult.Outcome.FAILED ? String.valueOf(result.failure()) : null,
        result.outcome() == ScenarioResult.Outcome.ABORTED ? String.valueOf(result.failure()) : null));
    return cases;
  }

  /** The suite as an XML document. */
  public static String xml(ScenarioResult result) {
    List<Case> cases = cases(result);
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", result.scenario());
      xml.writeAttribute("tests", Integer.toString(cases.size()));
      xml.writeAttribute("failures", Long.toString(cases.stream().filter(c -> c.failure() != null).count()));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("skipped", Long.toString(cases.stream().filter(c -> c.skipped() != null).count()));
      xml.writeAttribute("time", seconds(result.duration().toMillis() / 1000.0));
      for (Case c : cases) {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", result.scenario());
        xml.writeAttribute("name", c.name());
        xml.writeAttribute("time", seconds(c.seconds()));
        if (c.failure() != null) {
          xml.writeStartElement("failure");
          xml.writeAttribute("message", firstLine(c.failure()));
          xml.writeCharacters(c.failure());
          xml.writeEndElement();
        }
        if (c.skipped() != null) {
          xml.writeStartElement("skipped");
          xml.writeAttribute("message", firstLine(c.skipped()));
          xml.writeEndElement();
        }
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write the JUnit XML of " + result.scenario() + ": " + e, e);
    }
    return out.toString();
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", Math.max(0, s));
  }

  private static String firstLine(String text) {
    return text.strip().lines().findFirst().orElse("");
  }
}
