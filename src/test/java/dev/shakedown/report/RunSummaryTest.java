package dev.shakedown.report;

import static dev.shakedown.report.ScenarioResults.all;
import static dev.shakedown.report.ScenarioResults.result;
import static dev.shakedown.report.ScenarioResults.verdict;
import static dev.shakedown.report.ScenarioResults.writes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.check.Verdict;
import dev.shakedown.check.Verdict.Status;
import dev.shakedown.report.ScenarioResult.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

  static final Verdict LOST_TWO = Verdict.builder("no-lost-writes").status(Status.INVALID).summary("2 lost")
      .count("ok", 98).count("lost", 2).build();
  static final Verdict RECOVERED = Verdict.builder("statefulset-recovered").status(Status.VALID)
      .detail("ready-after", Duration.ofMillis(23_400)).build();

  @Test
  void theKeyNumbersComeFromTheHistoriesAndTheVerdictParts() {
    ScenarioResult r = result("EtcdScenario#kill", Outcome.FAILED, List.of(all(LOST_TWO, RECOVERED)),
        Map.of("etcd", writes(100, 2000, 3000)), List.of());
    RunSummary.Numbers n = RunSummary.numbers(r);
    assertThat(n.successRatio()).isEqualTo("etcd 90.00%");
    // the outage runs from the last OK before the first failure (1910 ms) to the next OK (3010 ms)
    assertThat(n.longestOutage()).isEqualTo(Duration.ofMillis(1100));
    assertThat(n.outageLoad()).isEqualTo("etcd");
    assertThat(n.lostWrites()).isEqualTo(2);
    assertThat(n.acknowledgedWrites()).isEqualTo(98);
    assertThat(n.slowestRecovery()).isEqualTo(Duration.ofMillis(23_400));
  }

  @Test
  void theMarkdownHasOneRowPerScenarioTheFailureAndTheScore() {
    ScenarioResult bad = result("EtcdScenario#kill", Outcome.FAILED, List.of(all(LOST_TWO, RECOVERED)),
        Map.of("etcd", writes(100, 2000, 3000)), List.of());
    ScenarioResult good = result("WebScenario#drain", Outcome.PASSED,
        List.of(all(verdict("availability", Status.VALID))), Map.of("web", writes(50, 0, 0)), List.of());
    String md = RunSummary.markdown("run-1", List.of(bad, good));
    assertThat(md).startsWith("# Shakedown run run-1: resiliency score ");
    assertThat(md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| scenario"))).hasSize(2);
    assertThat(md).contains("| EtcdScenario#kill | failed | INVALID | etcd 90.00% | 1.1 s (etcd) | 2 of 98 | 23.4 s | ")
        .contains("| WebScenario#drain | passed | VALID | web 100.00% | - | - | - | 100 |")
        .contains("- EtcdScenario#kill failed: expected VALID but was INVALID")
        .contains("no-lost-writes 5");
    // bad: no-lost-writes 5 x 0 + statefulset-recovered 3 x 1 + outcome 3 x 0 = 3 of 11 (27); good 100: mean 64
    assertThat(md).contains("| 27 |").contains("resiliency score 64/100");
  }
}
