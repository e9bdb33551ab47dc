package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.junit.ChaosTest;
import dev.shakedown.web.Probe;
import dev.shakedown.history.TimelineEvent;
import dev.shakedown.observe.TimelineRecorder;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.HttpService;
import dev.shakedown.history.Operation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@ChaosTest
class PodKillIT {

  @Test
  void killedPodIsGoneAndReplacedByItsReplicaSet(ScenarioContext ctx) {
    HttpService web = HttpService.of(ctx).deploy().awaitReady(Duration.ofMinutes(2));
    TimelineRecorder.start(ctx);
    Probe probe = Probe.http(ctx, web);

    FaultHandle kill = Faults.podKill(Targets.pods(web).one()).inject(ctx);
    String victim = kill.targets().get(0).substring(kill.targets().get(0).lastIndexOf('/') + 1);
    assertThat(web.pods()).extracting(p -> p.getMetadata().getName()).doesNotContain(victim);

    long healStart = System.nanoTime();
    kill.close();
    System.out.printf("MEASURE pod-kill: replacement Ready %d ms after heal started%n",
        (System.nanoTime() - healStart) / 1_000_000);
    kill.close();

    assertThat(web.pods()).hasSize(3).allMatch(Pods::isReady)
        .extracting(p -> p.getMetadata().getName()).doesNotContain(victim);
    probe.close();
    long failed = probe.history().snapshot().stream().filter(op -> op.isFail() || op.isInfo()).count();
    System.out.printf("MEASURE pod-kill probe: %d requests, %d not ok%n",
        probe.history().snapshot().stream().filter(Operation::isInvoke).count(), failed);
    assertThat(ctx.timeline().snapshot()).extracting(TimelineEvent::source, TimelineEvent::kind)
        .contains(org.assertj.core.groups.Tuple.tuple("fault", "inject"),
            org.assertj.core.groups.Tuple.tuple("fault", "heal"));
    assertThat(ctx.timeline().snapshot()).anyMatch(e -> e.subject().endsWith("/" + victim)
        && (e.kind().equals("Terminating") || e.kind().equals("DELETED")));
  }
}
