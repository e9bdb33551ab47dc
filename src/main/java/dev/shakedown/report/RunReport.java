package dev.shakedown.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's own folder of evidence, {@code reports/<run>/}: per scenario its timeline picture ({@code <scenario>.svg},
 * also attached to the Allure result) and JUnit XML ({@code junit/TEST-<scenario>.xml}); for the run
 * {@code summary.md}, rewritten after each scenario so a killed run still leaves one. {@code reports/latest-run} names
 * the newest run's folder.
 */
public final class RunReport {

  /** The file under the reports folder naming the newest run's folder. */
  public static final String LATEST = "latest-run";
  /** The file in a run's folder listing its scenarios as JSON. */
  public static final String SCENARIOS = "scenarios.json";

  private final Path reports;
  private final String run;
  private final List<ScenarioResult> results = new ArrayList<>();

  private RunReport(Path reports, String run) {
    this.reports = reports;
    this.run = run;
  }

  /** A report for the run {@code runId} (its folder's name), under {@code reports}. */
  public static RunReport under(Path reports, String runId) {
    return new RunReport(reports, runId.replaceAll("[^A-Za-z0-9-]", ""));
  }

  /** This run's folder. */
  public Path folder() {
    return reports.resolve(run);
  }

  /** Records one scenario: its picture (attached too), its JUnit XML and the summary so far. Never throws. */
  public synchronized void record(ScenarioResult result) {
    results.add(result);
    safely(result, "its folder", () -> Files.createDirectories(folder().resolve("junit")));
    safely(result, "its timeline picture", () -> {
      String svg = TimelinePicture.svg(result.scenario(), result.events(), result.histories());
      Files.writeString(folder().resolve(result.fileName() + ".svg"), svg, StandardCharsets.UTF_8);
      AllureReport.attachText("timeline.svg", "image/svg+xml", "svg", svg);
    });
    safely(result, "its JUnit XML", () -> Files.writeString(folder().resolve("junit")
        .resolve("TEST-" + result.fileName() + ".xml"), ScenarioJUnitXml.xml(result), StandardCharsets.UTF_8));
    safely(result, "the summary", () -> {
      Files.writeString(folder().resolve("summary.md"), summary(), StandardCharsets.UTF_8);
      Files.writeString(folder().resolve(SCENARIOS), scenariosJson(), StandardCharsets.UTF_8);
      Files.writeString(reports.resolve(LATEST), run + "\n", StandardCharsets.UTF_8);
    });
  }

  private interface Step {
    void run() throws Exception;
  }

  /** Evidence is best effort: one part failing (a chart, a full disk) is printed and the others are still written. */
  private void safely(ScenarioResult result, String what, Step step) {
    try {
      step.run();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Exception | Error e) {
      System.err.println("[shakedown] could not write " + what + " of " + result.scenario() + " into " + folder()
          + ": " + e);
    }
  }

  /**
   * The scenarios recorded so far as JSON, for tools: {@code [{"scenario", "file", "outcome", "status", "score"}]}
   * ({@code status} is the verdict, {@code null} without one; {@code file} names the picture and the JUnit XML).
   */
  synchronized String scenariosJson() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ScenarioResult r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("scenario", r.scenario());
      row.put("file", r.fileName());
      row.put("outcome", r.outcome().label());
      row.put("status", r.status() == null ? null : r.status().name());
      row.put("score", Math.round(ResiliencyScore.of(r)));
      rows.add(row);
    }
    return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(rows);
  }

  /** The summary of the scenarios recorded so far. */
  public synchronized String summary() {
    return RunSummary.markdown(run, results);
  }

  /** Prints the summary at the end of the run, when a scenario was recorded. */
  public synchronized void printSummary() {
    if (!results.isEmpty()) {
      System.out.println("[shakedown] run summary (" + folder().resolve("summary.md") + "):\n" + summary());
    }
  }

  /** Reads the newest run's folder name from {@code reports/latest-run}. */
  public static Path latest(Path reports) {
    try {
      return reports.resolve(Files.readString(reports.resolve(LATEST), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("no run recorded under " + reports + " (" + LATEST + " is missing): run a scenario"
          + " first, e.g. mvn verify -Pchaos", e);
    }
  }
}
