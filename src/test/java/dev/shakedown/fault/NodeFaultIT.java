package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shakedown.cluster.Node;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ChaosTest
class NodeFaultIT {

  static boolean kubeReady(ScenarioContext ctx, String node) {
    return ctx.client().nodes().withName(node).get().getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @Test
  void stoppedWorkerGoesNotReadyAndComesBack(ScenarioContext ctx) {
    FaultHandle stop = Faults.nodeStop(Targets.workers().one()).inject(ctx);
    String name = stop.targets().get(0).substring("node/".length());
    Node node = ctx.cluster().node(name);
    assertThat(node.isRunning()).isFalse();

    long start = System.nanoTime();
    await("Kubernetes marks node " + name + " not Ready").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1)).until(() -> !kubeReady(ctx, name));
    System.out.printf("MEASURE node-stop: %s NotReady %d ms after the stop%n", name, (System.nanoTime() - start) / 1_000_000);

    start = System.nanoTime();
    stop.close();
    stop.close();
    System.out.printf("MEASURE node-stop heal: %s Ready %d ms after start%n", name, (System.nanoTime() - start) / 1_000_000);
    assertThat(node.isRunning()).isTrue();
    assertThat(kubeReady(ctx, name)).isTrue();
  }

  @Test
  void killedWorkerIsRestarted(ScenarioContext ctx) {
    FaultHandle kill = Faults.nodeKill(Targets.workers().one()).inject(ctx);
    Node node = ctx.cluster().node(kill.targets().get(0).substring("node/".length()));
    assertThat(node.isRunning()).isFalse();
    long start = System.nanoTime();
    kill.close();
    System.out.printf("MEASURE node-kill heal: %s Ready %d ms after start%n", node.name(), (System.nanoTime() - start) / 1_000_000);
    assertThat(node.isRunning()).isTrue();
    assertThat(kubeReady(ctx, node.name())).isTrue();
  }

  @Test
  void pausedWorkerIsUnpaused(ScenarioContext ctx) {
    FaultHandle pause = Faults.nodePause(Targets.workers().one()).inject(ctx);
    Node node = ctx.cluster().node(pause.targets().get(0).substring("node/".length()));
    assertThat(node.isPaused()).isTrue();
    pause.close();
    pause.close();
    assertThat(node.isPaused()).isFalse();
    assertThat(kubeReady(ctx, node.name())).isTrue();
  }
}
