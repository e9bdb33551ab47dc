package dev.shakedown.maintenance;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import dev.shakedown.check.TimelineCheckers;
import dev.shakedown.check.Verdict;
import dev.shakedown.fault.FaultScope;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.HttpService;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The negative controls of a rolling maintenance on kind, and its refusals; the positive run is a scenario. */
@ChaosTest
class RollingMaintenanceIT {

  @Test
  void aBudgetThatForbidsAnyDisruptionStopsTheMaintenanceNamingTheBlockedPodAndLeavesNothingCordoned(
      ScenarioContext ctx) {
    HttpService web = HttpService.of(ctx).replicas(2).pdb(false).deploy().awaitReady(Duration.ofMinutes(2));
    ctx.client().resource(new PodDisruptionBudgetBuilder().withNewMetadata().withName("no-disruption")
        .withNamespace(ctx.namespace()).endMetadata().withNewSpec().withMaxUnavailable(new IntOrString(0))
        .withSelector(new LabelSelectorBuilder().withMatchLabels(web.selector()).build()).endSpec().build()).create();
    dev.shakedown.internal.Waits.untilTrue("the budget's status is computed", Duration.ofSeconds(30),
        dev.shakedown.internal.Waits.POLL, () -> {
          var pdb = ctx.client().policy().v1().podDisruptionBudget().inNamespace(ctx.namespace())
              .withName("no-disruption").get();
          return pdb.getStatus() != null && Integer.valueOf(2).equals(pdb.getStatus().getCurrentHealthy());
        });
    String node = web.pods().get(0).getSpec().getNodeName();
    String pod = ctx.namespace() + "/" + web.pods().get(0).getMetadata().getName();
    RollingMaintenance maintenance = RollingMaintenance.of(Targets.node(node))
        .restart(RollingMaintenance.Restart.KUBELET).drainTimeout(Duration.ofSeconds(20));

    long t0 = System.nanoTime();
    assertThatThrownBy(() -> maintenance.inject(FaultScope.of(ctx))).isInstanceOf(ShakedownException.class)
        .hasMessageContaining("rolling maintenance stopped at node " + node)
        .hasMessageContaining(pod + "=eviction refused (429");
    long stoppedMs = (System.nanoTime() - t0) / 1_000_000;

    Verdict capacity = maintenance.capacity().verdict();
    System.out.printf("MEASURE maintenance blocked by a budget: stopped after %d ms; %s%n", stoppedMs,
        capacity.summary());
    assertThat(capacity).isInvalid().hasCount("blocked", 1);
    Assertions.assertThat(capacity.summary()).contains(pod + ": PodDisruptionBudget " + ctx.namespace()
        + "/no-disruption allows 0 disruptions");
    Assertions.assertThat(maintenance.report()).singleElement().satisfies(m -> {
      Assertions.assertThat(m.failure()).contains(pod);
      Assertions.assertThat(m.refusals()).isGreaterThanOrEqualTo(1);
    });
    Assertions.assertThat(ctx.client().nodes().withName(node).get().getSpec().getUnschedulable())
        .as("node left cordoned").isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void podsThatFitNowhereElseAreNamedByTheCapacityCheckAndStayPendingInTheRehearsal(ScenarioContext ctx) {
    Map<String, String> labels = Map.of("app", "hog");
    ctx.client().resource(new DeploymentBuilder().withNewMetadata().withName("hog").withNamespace(ctx.namespace())
        .endMetadata().withNewSpec().withReplicas(3).withNewSelector().withMatchLabels(labels).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
        .withTerminationGracePeriodSeconds(1L).addNewContainer().withName("pause")
        .withImage("registry.k8s.io/pause:3.10.1").withImagePullPolicy("IfNotPresent").withNewResources()
        .withRequests(Map.of("cpu", new Quantity("1200m"))).endResources().endContainer().endSpec().endTemplate()
        .endSpec().build()).create();
    dev.shakedown.internal.Waits.untilTrue("3 hog pods Ready, one per worker", Duration.ofMinutes(2),
        dev.shakedown.internal.Waits.POLL, () -> ctx.client().apps().deployments().inNamespace(ctx.namespace())
            .withName("hog").get().getStatus().getReadyReplicas() != null && ctx.client().apps().deployments()
            .inNamespace(ctx.namespace()).withName("hog").get().getStatus().getReadyReplicas() == 3);
    var hogs = ctx.client().pods().inNamespace(ctx.namespace()).withLabels(labels).list().getItems();
    String node = hogs.get(0).getSpec().getNodeName();
    String pod = ctx.namespace() + "/" + hogs.get(0).getMetadata().getName();
    dev.shakedown.observe.TimelineRecorder.start(ctx);
    RollingMaintenance maintenance = RollingMaintenance.of(Targets.node(node)).downFor(Duration.ofSeconds(30));

    maintenance.inject(FaultScope.of(ctx)).close();

    Verdict capacity = maintenance.capacity().verdict();
    NodeMaintenance done = maintenance.report().get(0);
    Verdict placed = TimelineCheckers.podsPlacedWithin(Duration.ofSeconds(20)).check(ctx.timeline());
    System.out.printf("MEASURE maintenance with pods that fit nowhere: %s%n  %s%n  %s%n", done.summary(),
        capacity.summary(), placed.summary());
    assertThat(capacity).isInvalid().hasCount("unplaceable", 1);
    Assertions.assertThat(capacity.summary()).contains(pod + ": {").contains("insufficient cpu (requests 1200m");
    Assertions.assertThat(done.pending()).singleElement().asString().startsWith(ctx.namespace() + "/hog-")
        .contains("Insufficient cpu");
    assertThat(placed).isInvalid();
    Assertions.assertThat(placed.summary()).contains("Insufficient cpu");
    Assertions.assertThat(done.failure()).isNull();
  }

  @Test
  void theControlPlaneIsRefusedWithoutAnOptInBeforeAnythingMoves(ScenarioContext ctx) {
    RollingMaintenance maintenance = RollingMaintenance.of(Targets.controlPlane());

    assertThatThrownBy(() -> maintenance.inject(FaultScope.of(ctx))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a control-plane node").hasMessageContaining("includingControlPlane()");
    assertThatThrownBy(() -> RollingMaintenance.of(Targets.workers()).drainTimeout(Duration.ZERO))
        .hasMessage("drainTimeout must be positive, was PT0S");
    Assertions.assertThat(maintenance.capacity()).as("no capacity read: nothing was looked at").isNull();
    Assertions.assertThat(ctx.client().nodes().list().getItems()).noneMatch(n -> Boolean.TRUE.equals(
        n.getSpec().getUnschedulable()));
  }

}
