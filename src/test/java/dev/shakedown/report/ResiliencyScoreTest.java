package dev.shakedown.report;

import static dev.shakedown.report.ScenarioResults.all;
import static dev.shakedown.report.ScenarioResults.result;
import static dev.shakedown.report.ScenarioResults.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.shakedown.check.Verdict.Status;
import dev.shakedown.report.ScenarioResult.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResiliencyScoreTest {

  @Test
  void everyPartValidAndPassedIsAHundred() {
    ScenarioResult r = result("A#a", Outcome.PASSED, List.of(all(verdict("no-lost-writes", Status.VALID),
        verdict("availability", Status.VALID))), Map.of(), List.of());
    assertThat(ResiliencyScore.of(r)).isEqualTo(100.0);
  }

  @Test
  void aLostWriteWeighsItsWeightAndTheFailedOutcomeToo() {
    ScenarioResult r = result("A#a", Outcome.FAILED, List.of(all(verdict("no-lost-writes", Status.INVALID),
        verdict("availability", Status.VALID), verdict("something-else", Status.UNKNOWN))), Map.of(), List.of());
    // no-lost-writes 5 x 0, availability 3 x 1, other 1 x 0.5, outcome 3 x 0: 3.5 of 12
    assertThat(ResiliencyScore.of(r)).isCloseTo(100 * 3.5 / 12, within(1e-9));
    assertThat(ResiliencyScore.parts(r)).extracting(ResiliencyScore.Part::name)
        .containsExactly("no-lost-writes", "availability", "something-else", "outcome");
  }

  @Test
  void aScenarioThatFailedBeforeAnyVerdictScoresZeroAndTheRunIsTheMean() {
    ScenarioResult none = result("A#a", Outcome.FAILED, List.of(), Map.of(), List.of());
    ScenarioResult good = result("B#b", Outcome.PASSED, List.of(verdict("availability", Status.VALID)), Map.of(),
        List.of());
    ScenarioResult aborted = result("C#c", Outcome.ABORTED, List.of(), Map.of(), List.of());
    assertThat(ResiliencyScore.of(none)).isZero();
    assertThat(ResiliencyScore.of(aborted)).isEqualTo(50.0);
    assertThat(ResiliencyScore.ofRun(List.of(none, good, aborted))).isEqualTo(50.0);
    assertThat(ResiliencyScore.ofRun(List.of())).isNaN();
  }
}
