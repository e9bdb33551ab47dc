package dev.shakedown.web;

import dev.shakedown.history.Operation;
import dev.shakedown.client.Load;
import dev.shakedown.web.WebClient;
import dev.shakedown.web.StatefulKv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shakedown.check.Checkers;
import dev.shakedown.check.Verdict;
import dev.shakedown.fault.FaultHandle;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The key-value store end to end: durable mode keeps every acknowledged write, unsafe mode loses some. */
@ChaosTest
class KvWriterIT {

  Verdict writeKillWriteRead(ScenarioContext ctx, boolean unsafe) {
    StatefulKv kv = StatefulKv.of(ctx).replicas(1).unsafe(unsafe).deploy().awaitReady(Duration.ofMinutes(3));
    Load writer = WebClient.writes(ctx, kv).rate(20).start();
    await("40 acknowledged writes").atMost(Duration.ofSeconds(30))
        .until(() -> writer.history().snapshot().stream().filter(Operation::isOk).count() >= 40);

    try (FaultHandle kill = Faults.podKill(Targets.pods(kv).one()).recoverWithin(Duration.ofMinutes(2)).inject(ctx)) {
      assertThat(kill.targets()).containsExactly("pod/" + ctx.namespace() + "/kv-0");
    }
    long okBeforeHeal = writer.history().snapshot().stream().filter(Operation::isOk).count();
    await("writes acknowledged again after the kill").atMost(Duration.ofSeconds(60))
        .until(() -> writer.history().snapshot().stream().filter(Operation::isOk).count() >= okBeforeHeal + 10);
    writer.stop();
    Operation read = writer.finalRead(Duration.ofSeconds(60));
    assertThat(read.isOk()).as("final read %s", read).isTrue();

    Verdict verdict = Checkers.noLostWrites().check(writer.history());
    System.out.printf("MEASURE kv unsafe=%s: %s%n", unsafe, verdict);
    return verdict;
  }

  @Test
  void durableStoreKeepsEveryAcknowledgedWriteAcrossAPodKill(ScenarioContext ctx) {
    Verdict verdict = writeKillWriteRead(ctx, false);
    assertThat(verdict.isValid()).as(verdict.toString()).isTrue();
  }

  @Test
  void unsafeStoreLosesAcknowledgedWritesOnAPodKill(ScenarioContext ctx) {
    Verdict verdict = writeKillWriteRead(ctx, true);
    assertThat(verdict.isInvalid()).as(verdict.toString()).isTrue();
    assertThat(verdict.count("lost")).isPositive();
  }
}
