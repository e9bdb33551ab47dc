package dev.shakedown.web;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.check.Verdict;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chaos suite's availability scenario catches a fragile service: the same {@link AvailabilityScenario} the
 * {@code WebServiceSurvivesPodKillAndDrainScenario} runs, on 1 replica without a PodDisruptionBudget, ends
 * INVALID, and the failure message names the measured success ratio / outage against the thresholds.
 */
@ChaosTest
class FragileServiceFailsAvailabilityScenarioIT {

  /** e.g. "success ratio 74.10% below 98.00%" or "longest outage 4321 ms exceeds 2000 ms". */
  static final String MEASURED_VS_THRESHOLD = "(success ratio \\d+\\.\\d\\d% below "
      + Pattern.quote(String.format(Locale.ROOT, "%.2f%%", AvailabilityScenario.THRESHOLDS.minSuccessRatio() * 100))
      + "|longest outage \\d+ ms exceeds " + AvailabilityScenario.THRESHOLDS.maxOutage().toMillis() + " ms)";

  @Test
  void oneReplicaWithoutBudgetFailsTheAvailabilityScenarioReadably(ScenarioContext ctx) {
    HttpService fragile = HttpService.of(ctx).replicas(1).pdb(false);
    Verdict verdict = AvailabilityScenario.of(fragile).verify(ctx);

    assertThat(fragile.minAvailable()).as("the fragile variant has no PodDisruptionBudget").isNull();
    assertThat(verdict).isInvalid();
    assertThat(verdict.parts()).extracting(Verdict::checker)
        .containsExactly("availability", "faults-healed", "steady-state");
    Verdict availability = verdict.part("availability");
    assertThat(availability).isInvalid();
    assertThat(availability.summary()).startsWith("availability INVALID: ").containsPattern(MEASURED_VS_THRESHOLD)
        .containsPattern("\\(\\d+\\.\\d\\d% of \\d+ completed operations OK, longest outage \\d+ ms, 2 fault\\(s\\)");
    assertThat(verdict.part("faults-healed")).as("the faults themselves healed").isValid();
    assertThat(verdict.part("steady-state")).as("the single replica is back after the heal").isValid();
    assertThatThrownBy(() -> assertThat(verdict).isValid()).as("what the scenario would report")
        .hasMessageContaining("Expected verdict VALID but was INVALID")
        .hasMessageContaining(availability.summary());
  }
}
