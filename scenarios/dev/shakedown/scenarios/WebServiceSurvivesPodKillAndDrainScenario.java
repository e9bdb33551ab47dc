package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;

import dev.shakedown.junit.ChaosTest;
import dev.shakedown.report.ScenarioTimings;
import dev.shakedown.scenario.AvailabilityRun;
import dev.shakedown.scenario.AvailabilityScenario;
import dev.shakedown.scenario.Phase;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.HttpService;
import dev.shakedown.workload.Workloads;
import org.junit.jupiter.api.Test;

/**
 * A web service survives a pod kill and a node drain: 3 replicas behind a NodePort, a PodDisruptionBudget
 * ({@code minAvailable 2}), readiness and liveness probes; a load client (20/s) and a probe (5/s) record every
 * request. A seeded pod is killed, then a node hosting the service's pods is drained. Verified: the budget held
 * (never fewer than 2 pods Ready, replayed from the pod watch), the success ratio and the longest outage are
 * within {@link AvailabilityScenario#THRESHOLDS}, and every fault was healed.
 */
@ChaosTest
class WebServiceSurvivesPodKillAndDrainScenario {

  @Test
  void webServiceSurvivesPodKillAndNodeDrain(ScenarioContext ctx) {
    HttpService web = HttpService.of(ctx).replicas(3).minAvailable(2);
    AvailabilityRun run = AvailabilityScenario.of(web).run(ctx); // steady, load, inject/hold/heal per fault, recover
    try {
      ctx.phase(Phase.VERIFY, () -> assertThat(run.verify()).isValid());
      ctx.phase(ScenarioTimings.TEARDOWN, run::teardown);
    } finally {
      run.timings().report(); // wall time per part, harness overhead, watch lag: printed and attached
    }
  }
}
