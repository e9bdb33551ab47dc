package dev.shakedown.report;

import dev.shakedown.check.Verdict;
import dev.shakedown.history.Operation;
import dev.shakedown.history.TimelineEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one scenario left behind, as plain facts for the report: its JUnit outcome, the verdicts of its runs, their
 * measurements, each load's history and the timeline.
 *
 * @param scenario {@code Class#method}, unique in a run
 * @param failure the test's failure message, {@code null} when it passed
 * @param histories load name → its operations in history order
 */
public record ScenarioResult(String scenario, Outcome outcome, String failure, List<Verdict> verdicts,
    Map<String, String> measurements, Map<String, List<Operation>> histories, List<TimelineEvent> events,
    Duration duration) {

  /** How the JUnit test ended. */
  public enum Outcome {
    PASSED, FAILED, ABORTED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ScenarioResult {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(outcome, "outcome");
    verdicts = List.copyOf(verdicts);
    measurements = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
    histories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(histories));
    events = List.copyOf(events);
    Objects.requireNonNull(duration, "duration");
  }

  /** A name fit for a file: {@code Class.method}, anything but letters, digits, dot, dash and underscore dropped. */
  public String fileName() {
    return scenario.replace('#', '.').replaceAll("[^A-Za-z0-9._-]", "");
  }

  /** The worst status of the verdicts; {@code null} when the scenario never reached {@code check}. */
  public Verdict.Status status() {
    return verdicts.stream().map(Verdict::status).reduce(Verdict.Status::worst).orElse(null);
  }
}
