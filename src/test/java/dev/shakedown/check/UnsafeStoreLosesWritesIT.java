package dev.shakedown.check;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shakedown.fault.FaultHandle;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.report.AllureReport;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.history.History;
import dev.shakedown.client.Load;
import dev.shakedown.web.WebClient;
import dev.shakedown.history.Operation;
import dev.shakedown.web.StatefulKv;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Proof the suite does not pass a broken system: the workload image with {@code UNSAFE=true} acknowledges writes
 * before persisting them (it flushes every 3 s); a crash between acknowledgement and flush loses them, and the
 * harness must say INVALID and list them.
 */
@ChaosTest
class UnsafeStoreLosesWritesIT {

  static long okWrites(History history) {
    return history.snapshot().stream().filter(o -> o.isOk() && o.function().equals("write")).count();
  }

  @Test
  void podKillOfAnUnsafeStoreIsReportedInvalidWithTheLostWrites(ScenarioContext ctx) {
    StatefulKv kv = StatefulKv.of(ctx).replicas(1).unsafe(true).deploy().awaitReady(Duration.ofMinutes(3));
    Load writer = WebClient.writes(ctx, kv).rate(50).timeout(Duration.ofSeconds(2));
    History history = writer.history();
    writer.start();
    for (int round = 1; round <= 2; round++) {
      long target = okWrites(history) + 100;
      await("100 more writes acknowledged by the unsafe store").atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(100)).until(() -> okWrites(history) >= target);
      FaultHandle kill = Faults.podKill(Targets.pods(kv).one()).inject(ctx);
      kill.close();
    }
    long after = okWrites(history) + 50;
    await("writes acknowledged again after the kills").atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(100)).until(() -> okWrites(history) >= after);
    writer.stop();
    Operation read = writer.finalRead(Duration.ofMinutes(1));
    assertThat(read.isOk()).as("final read of the store: %s", read).isTrue();

    WriteSetAnalysis analysis = WriteSetAnalysis.of(history);
    Verdict verdict = Checkers.noLostWrites().check(history);
    String lost = analysis.lostWrites().stream().map(Object::toString).collect(Collectors.joining("\n"));
    AllureReport.attachText("lost acknowledged writes", "text/plain", "txt", lost);
    System.out.printf("MEASURE unsafe store, 2 pod kills: ok %d, fail %d, info %d, lost %d; verdict %s%n",
        verdict.count("ok"), verdict.count("fail"), verdict.count("info"), verdict.count("lost"), verdict.status());
    System.out.println("MEASURE first lost writes:\n" + lost.lines().limit(5).collect(Collectors.joining("\n")));

    assertThat(verdict).isInvalid();
    assertThat(verdict.count("lost")).isPositive();
    assertThat(analysis.lostWrites()).isNotEmpty().hasSize((int) verdict.count("lost"));
    assertThat(verdict.summary()).contains("acknowledged writes lost");
    assertThat(verdict.offending()).isNotEmpty().allMatch(Operation::isOk);
  }
}
