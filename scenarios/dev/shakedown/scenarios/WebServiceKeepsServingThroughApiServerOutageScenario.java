package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.fault.ControlPlaneOutage.Component.API_SERVER;

import dev.shakedown.fault.Faults;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.AvailabilityScenario;
import dev.shakedown.web.HttpService;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A web service keeps serving while the API server is down for 60 s: the kubelets, kube-proxy's rules and the pods
 * go on without it. Verified: success ratio and longest outage within {@link AvailabilityScenario#THRESHOLDS}, the
 * budget held, the API server back and serving, and the cluster in steady state after.
 */
@ChaosTest
class WebServiceKeepsServingThroughApiServerOutageScenario {

  @Test
  void webServiceKeepsServingWhileTheApiServerIsDown(ScenarioContext ctx) {
    HttpService web = HttpService.of(ctx).replicas(3).minAvailable(2);
    assertThat(AvailabilityScenario.of(web).faults(Faults.controlPlaneOutage(API_SERVER))
        .hold(Duration.ofSeconds(60)).verify(ctx)).isValid();
  }
}
