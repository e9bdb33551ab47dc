package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import dev.shakedown.check.AvailabilityThresholds;
import dev.shakedown.check.Verdict;
import dev.shakedown.fault.Faults;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.AvailabilityScenario;
import dev.shakedown.web.HttpService;
import org.junit.jupiter.api.Test;

/**
 * Negative control for the latency fault: a Toxiproxy adds 500 ms to every response of a web service, judged against
 * a p99 bound of 200 ms (at least 99 % of requests OK within 200 ms). The verdict must be INVALID, and say why in
 * words: the share of requests slower than the bound.
 */
@ChaosTest
class SlowServiceFailsItsLatencyBoundIT {

  @Test
  void aServiceSlowedBy500msIsInvalidAgainstA200msP99Bound(ScenarioContext ctx) {
    HttpService web = HttpService.of(ctx).replicas(2).pdb(false);
    Verdict verdict = AvailabilityScenario.of(web).faults(Faults.latency(web.name(), ofMillis(500)))
        .thresholds(AvailabilityThresholds.none().minSuccessRatio(0.99).maxLatency(ofMillis(200)))
        .hold(ofSeconds(10)).verify(ctx);

    assertThat(verdict).isInvalid();
    org.assertj.core.api.Assertions.assertThat(verdict.summary()).contains("availability INVALID: success ratio")
        .containsPattern("\\(\\d+ OK slower than 200 ms counted as degraded\\)");
  }
}
