package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;

import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.AvailabilityScenario;
import dev.shakedown.web.HttpService;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A worker running the service is cut from the control-plane node for 60 s (its kubelet cannot report, so the node
 * goes NotReady), while pod traffic still flows. Verified: success ratio and longest outage within
 * {@link AvailabilityScenario#THRESHOLDS}, the budget held, the partition healed and the node Ready again.
 */
@ChaosTest
class WebServiceSurvivesWorkerPartitionedFromControlPlaneScenario {

  @Test
  void webServiceSurvivesAWorkerCutFromTheControlPlane(ScenarioContext ctx) {
    HttpService web = HttpService.of(ctx).replicas(3).minAvailable(2);
    assertThat(AvailabilityScenario.of(web)
        .faults(Faults.partition(Targets.nodesRunning(web).one()).from(Targets.controlPlane()))
        .hold(Duration.ofSeconds(60)).verify(ctx)).isValid();
  }
}
