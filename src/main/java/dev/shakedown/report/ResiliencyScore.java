package dev.shakedown.report;

import dev.shakedown.check.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The resiliency score, 0 to 100, of a scenario and of a run. A scenario's score is the weighted mean of its parts:
 * every leaf verdict its runs produced (checker name → {@link #WEIGHTS}, {@value #DEFAULT_WEIGHT} for any other
 * checker) and the JUnit outcome itself (weight {@value #OUTCOME_WEIGHT}). A part scores 1 when VALID (or passed),
 * 0.5 when UNKNOWN (or aborted) and 0 when INVALID (or failed). A scenario that failed before any verdict scores on its
 * outcome alone, so 0. The run's score is the plain mean of its scenarios' scores (each scenario counts the same).
 */
public final class ResiliencyScore {

  /** Checker name → weight: losing data weighs most, then staying up and coming back whole. */
  public static final Map<String, Integer> WEIGHTS = Map.of("no-lost-writes", 5, "data-kept", 5,
      "no-write-acknowledged", 5, "availability", 3, "statefulset-recovered", 3, "pods-placed", 2,
      "steady-state", 2, "faults-healed", 2, "min-ready", 2);
  public static final int DEFAULT_WEIGHT = 1;
  public static final int OUTCOME_WEIGHT = 3;

  private ResiliencyScore() {}

  /** One scored part: its name, weight and value (1, 0.5 or 0). */
  public record Part(String name, int weight, double value) {}

  /** The parts a scenario is scored on: every leaf verdict, then {@code outcome}. */
  public static List<Part> parts(ScenarioResult result) {
    List<Part> parts = new ArrayList<>();
    result.verdicts().stream().flatMap(v -> v.leaves().stream()).forEach(v -> parts.add(new Part(v.checker(),
        WEIGHTS.getOrDefault(v.checker(), DEFAULT_WEIGHT), value(v.status()))));
    double outcome = switch (result.outcome()) {
      case PASSED -> 1;
      case ABORTED -> 0.5;
      case FAILED -> 0;
    };
    parts.add(new Part("outcome", OUTCOME_WEIGHT, outcome));
    return parts;
  }

  /** The scenario's score, 0 to 100. */
  public static double of(ScenarioResult result) {
    double sum = 0;
    double weights = 0;
    for (Part p : parts(result)) {
      sum += p.weight() * p.value();
      weights += p.weight();
    }
    return 100 * sum / weights;
  }

  /** The run's score: the mean of its scenarios' scores; {@code NaN} without a scenario. */
  public static double ofRun(List<ScenarioResult> results) {
    return results.stream().mapToDouble(ResiliencyScore::of).average().orElse(Double.NaN);
  }

  private static double value(Verdict.Status status) {
    return switch (status) {
      case VALID -> 1;
      case UNKNOWN -> 0.5;
      case INVALID -> 0;
    };
  }
}
