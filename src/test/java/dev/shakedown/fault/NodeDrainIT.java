package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.HttpService;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Drains only the scenario namespace's pods: the cluster is shared with other runs' tests. */
@ChaosTest
class NodeDrainIT {

  static Node node(ScenarioContext ctx, String name) {
    return ctx.client().nodes().withName(name).get();
  }

  @Test
  void drainEvictsWithinTheBudgetAndHealUncordons(ScenarioContext ctx) {
    HttpService web = HttpService.of(ctx).minAvailable(2).deploy().awaitReady(Duration.ofMinutes(2));

    long start = System.nanoTime();
    FaultHandle drain = Faults.nodeDrain(Targets.nodesRunning(web).one()).scenarioNamespaceOnly()
        .timeout(Duration.ofMinutes(2)).inject(ctx);
    System.out.printf("MEASURE node-drain of %s took %d ms%n", drain.targets(), (System.nanoTime() - start) / 1_000_000);
    String drained = drain.targets().get(0).substring("node/".length());

    assertThat(node(ctx, drained).getSpec().getUnschedulable()).isTrue();
    assertThat(node(ctx, drained).getMetadata().getAnnotations()).containsEntry(NodeDrain.ANNOTATION, "true");
    assertThat(web.pods()).noneMatch(p -> drained.equals(p.getSpec().getNodeName()));
    web.awaitReady(Duration.ofMinutes(2));

    drain.close();
    drain.close();
    assertThat(node(ctx, drained).getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    assertThat(node(ctx, drained).getMetadata().getAnnotations()).doesNotContainKey(NodeDrain.ANNOTATION);
  }

  @Test
  void budgetThatAllowsNoDisruptionFailsTheDrainClearlyAndUncordons(ScenarioContext ctx) {
    HttpService fragile = HttpService.of(ctx).replicas(1).minAvailable(1).deploy()
        .awaitReady(Duration.ofMinutes(2));
    String pod = fragile.pods().get(0).getMetadata().getName();
    String host = fragile.pods().get(0).getSpec().getNodeName();

    assertThatThrownBy(() -> Faults.nodeDrain(Targets.node(host)).scenarioNamespaceOnly()
        .timeout(Duration.ofSeconds(8)).inject(ctx))
        .isInstanceOf(ShakedownException.class)
        .hasMessageContaining("Node " + host + " drained (every evictable pod evicted and gone): not within PT8S")
        .hasMessageContaining(ctx.namespace() + "/" + pod + "=eviction refused (429")
        .hasMessageContaining("the node was uncordoned");
    assertThat(node(ctx, host).getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    assertThat(node(ctx, host).getMetadata().getAnnotations()).doesNotContainKey(NodeDrain.ANNOTATION);
    assertThat(fragile.pods()).singleElement().satisfies(p -> assertThat(p.getMetadata().getName()).isEqualTo(pod));
  }
}
