package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.HttpService;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ChaosTest
class ContainerKillIT {

  @Test
  void containerRestartsInTheSamePod(ScenarioContext ctx) {
    HttpService web = HttpService.of(ctx).replicas(1).pdb(false).deploy().awaitReady(Duration.ofMinutes(2));
    Pod before = web.pods().get(0);

    long start = System.nanoTime();
    FaultHandle kill = Faults.containerKill(Targets.pods(web).one()).inject(ctx);
    System.out.printf("MEASURE container-kill: restartCount rose %d ms after inject began%n",
        (System.nanoTime() - start) / 1_000_000);
    kill.close();
    kill.close();

    Pod after = web.pods().get(0);
    assertThat(after.getMetadata().getUid()).as("same pod").isEqualTo(before.getMetadata().getUid());
    assertThat(after.getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
    assertThat(after.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
    assertThat(after.getStatus().getContainerStatuses().get(0).getLastState().getTerminated()).isNotNull();
  }
}
