package dev.shakedown.report;

import dev.shakedown.check.Outages;
import dev.shakedown.check.Verdict;
import dev.shakedown.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The run's summary in Markdown ({@code reports/<run>/summary.md}, also printed at the end of the run): one table row
 * per scenario with its outcome, verdict, key numbers and {@link ResiliencyScore score}, then the run's score and how
 * it is computed.
 */
public final class RunSummary {

  private RunSummary() {}

  /** The key numbers of one scenario, as shown in its row. */
  public record Numbers(String successRatio, Duration longestOutage, String outageLoad, long lostWrites,
      long acknowledgedWrites, Duration slowestRecovery) {}

  /**
   * Success ratio per load (OK among completed operations), the longest outage of any load and that load, lost writes and the
   * acknowledged writes they were checked against (every {@code no-lost-writes} part), and the slowest recovery
   * ({@code availability}'s slowest-recovery, {@code statefulset-recovered}'s ready-after); {@code null} where the
   * scenario has nothing to say.
   */
  public static Numbers numbers(ScenarioResult result) {
    List<String> ratios = new ArrayList<>();
    Duration longest = null;
    String outageLoad = null;
    for (Map.Entry<String, List<Operation>> load : result.histories().entrySet()) {
      List<Operation> done = load.getValue().stream().filter(op -> !op.isInvoke()).toList();
      long ok = done.stream().filter(Operation::isOk).count();
      ratios.add(load.getKey() + " " + (done.isEmpty() ? "-" : percent((double) ok / done.size())));
      for (Outages.Outage o : Outages.of(load.getValue())) {
        if (longest == null || o.length().compareTo(longest) > 0) {
          longest = o.length();
          outageLoad = load.getKey();
        }
      }
    }
    List<Verdict> leaves = result.verdicts().stream().flatMap(v -> v.leaves().stream()).toList();
    long lost = 0;
    long acknowledged = 0;
    Duration slowest = null;
    for (Verdict v : leaves) {
      if ("no-lost-writes".equals(v.checker())) {
        lost += v.count("lost") - v.count("lost-after-cut");   // a loss after the cut is allowed by that verdict
        acknowledged += v.count("ok");
      }
      for (String key : List.of("slowest-recovery", "ready-after")) {
        if (v.details().get(key) instanceof Duration d && (slowest == null || d.compareTo(slowest) > 0)) {
          slowest = d;
        }
      }
    }
    boolean writesChecked = leaves.stream().anyMatch(v -> "no-lost-writes".equals(v.checker()));
    return new Numbers(String.join(", ", ratios), longest, outageLoad, writesChecked ? lost : -1, acknowledged, slowest);
  }

  /** The whole summary of {@code results}, titled with {@code run}. */
  public static String markdown(String run, List<ScenarioResult> results) {
    StringBuilder md = new StringBuilder();
    double score = ResiliencyScore.ofRun(results);
    md.append("# Shakedown run ").append(run).append(": resiliency score ")
        .append(results.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f/100", score)).append("\n\n");
    long passed = results.stream().filter(r -> r.outcome() == ScenarioResult.Outcome.PASSED).count();
    md.append(results.size()).append(" scenario(s): ").append(passed).append(" passed, ")
        .append(results.size() - passed).append(" not.\n\n");
    md.append("| scenario | outcome | verdict | success ratio | longest outage | lost writes | slowest recovery | score |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    for (ScenarioResult r : results) {
      md.append(line(r)).append('\n');
    }
    for (ScenarioResult r : results) {
      if (r.failure() != null) {
        md.append("\n- ").append(r.scenario()).append(" ").append(r.outcome().label()).append(": ")
            .append(firstLine(r.failure()));
      }
    }
    md.append("\n\nScore: each scenario's weighted mean of its verdicts' parts (VALID 1, UNKNOWN 0.5, INVALID 0; weights ")
        .append(ResiliencyScore.WEIGHTS.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
        .append(", any other ").append(ResiliencyScore.DEFAULT_WEIGHT).append(") and its outcome (passed 1, aborted 0.5, "
            + "failed 0; weight ").append(ResiliencyScore.OUTCOME_WEIGHT)
        .append("), times 100; the run's score is the mean over its scenarios.\n");
    return md.toString();
  }

  /** One table row: {@code | scenario | outcome | verdict | ratios | outage | lost | recovery | score |}. */
  public static String line(ScenarioResult r) {
    Numbers n = numbers(r);
    Verdict.Status status = r.status();
    return "| " + r.scenario() + " | " + r.outcome().label() + " | " + (status == null ? "none" : status) + " | "
        + (n.successRatio().isEmpty() ? "-" : n.successRatio()) + " | " + seconds(n.longestOutage())
        + (n.outageLoad() == null ? "" : " (" + n.outageLoad() + ")") + " | "
        + (n.lostWrites() < 0 ? "-" : n.lostWrites() + " of " + n.acknowledgedWrites()) + " | "
        + seconds(n.slowestRecovery()) + " | " + String.format(Locale.ROOT, "%.0f", ResiliencyScore.of(r)) + " |";
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * ratio);
  }

  private static String seconds(Duration d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return (line.length() > 300 ? line.substring(0, 300) + "…" : line).replace("|", "\\|");
  }
}
