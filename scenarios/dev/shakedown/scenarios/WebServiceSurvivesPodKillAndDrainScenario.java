package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;

import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.AvailabilityScenario;
import dev.shakedown.web.HttpService;
import org.junit.jupiter.api.Test;

/**
 * A web service survives a pod kill and a node drain: 3 replicas behind a NodePort, a PodDisruptionBudget
 * ({@code minAvailable 2}), readiness and liveness probes; a load (20/s) and a probe (5/s) record every request. A
 * seeded pod is killed, then a node hosting the service's pods is drained. Verified: the budget held (never fewer
 * than 2 pods Ready, replayed from the pod watch), the success ratio and the longest outage are within
 * {@link AvailabilityScenario#THRESHOLDS}, every fault healed, and the cluster and service in steady state after.
 */
@ChaosTest
class WebServiceSurvivesPodKillAndDrainScenario {

  @Test
  void webServiceSurvivesPodKillAndNodeDrain(ScenarioContext ctx) {
    HttpService web = HttpService.of(ctx).replicas(3).minAvailable(2);
    assertThat(AvailabilityScenario.of(web).verify(ctx)).isValid();
  }
}
