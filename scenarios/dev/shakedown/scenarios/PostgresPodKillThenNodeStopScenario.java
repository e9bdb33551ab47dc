package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.scenarios.PostgresScenarioSupport.awaitAcknowledged;
import static dev.shakedown.scenarios.PostgresScenarioSupport.awaitWriteAcknowledgedAfter;
import static dev.shakedown.scenarios.PostgresScenarioSupport.failedWrites;
import static dev.shakedown.scenarios.PostgresScenarioSupport.hold;
import static dev.shakedown.scenarios.PostgresScenarioSupport.since;
import static org.awaitility.Awaitility.await;

import dev.shakedown.check.AvailabilityThresholds;
import dev.shakedown.check.BeforeAfter;
import dev.shakedown.check.Checkers;
import dev.shakedown.client.Load;
import dev.shakedown.check.Facts;
import dev.shakedown.check.StatefulSetSnapshot;
import dev.shakedown.check.Verdict;
import dev.shakedown.fault.FaultHandle;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.observe.TimelineRecorder;
import dev.shakedown.scenario.Phase;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.history.History;
import dev.shakedown.postgres.JdbcClient;
import dev.shakedown.history.Operation;
import dev.shakedown.postgres.Postgres;
import dev.shakedown.workload.Workloads;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL pod killed, then its node stopped, under write load: the single primary must come back on the same
 * claim and volume each time, and no acknowledged write may be lost.
 */
@ChaosTest
class PostgresPodKillThenNodeStopScenario {

  static final Duration READY = Duration.ofMinutes(5);

  @Test
  void primaryRecoversOnItsVolumeWithoutLosingAcknowledgedWrites(ScenarioContext ctx) {
    PostgresScenarioSupport report = new PostgresScenarioSupport(ctx);
    Postgres pg = Postgres.of(ctx);
    StatefulSetSnapshot before = ctx.phase(Phase.STEADY, () -> {
      pg.deploy().awaitReady(READY);
      TimelineRecorder.start(ctx);
      return report.snapshot(pg, null);
    });
    Load load = JdbcClient.load(ctx, pg).rate(20);
    History history = load.history();
    ctx.phase(Phase.LOAD, () -> {
      load.start();
      awaitAcknowledged(history, 100, Duration.ofMinutes(2));
    });

    ctx.phase("inject pod-kill (grace 0)", () -> {
      long start = System.nanoTime();
      FaultHandle kill = Faults.podKill(Targets.pods(pg).one()).recoverWithin(READY).inject(ctx);
      kill.close();
      report.measure("pod-kill: replacement pod Ready after", since(start));
      awaitAcknowledged(history, 100, Duration.ofMinutes(2));
    });

    Duration nodeStopReady = ctx.phase("inject node-stop of the primary's node", () -> {
      long start = System.nanoTime();
      FaultHandle stop = Faults.nodeStop(Targets.nodesRunning(pg).one()).inject(ctx);
      long failedBefore = failedWrites(history);
      await("writes fail while the primary's node is down").atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(200)).until(() -> failedWrites(history) > failedBefore);
      hold(Duration.ofSeconds(20));
      long heal = System.nanoTime();
      report.measure("node-stop: node down for", since(start));
      stop.close();
      report.measure("node-stop: " + stop.targets() + " Ready after its restart", since(heal));
      Duration answered = awaitWriteAcknowledgedAfter(history, heal, READY);
      pg.awaitReady(READY);
      report.measure("node-stop: first write acknowledged again after the restart", answered);
      report.measure("node-stop: first write acknowledged again after the stop", answered.plusNanos(heal - start));
      return since(start);
    });

    ctx.phase(Phase.RECOVER, () -> awaitAcknowledged(history, 100, Duration.ofMinutes(3)));

    ctx.phase(Phase.VERIFY, () -> {
      load.stop();
      Operation read = load.finalRead(Duration.ofMinutes(2));
      assertThat(read.isOk()).as("final read: %s", read).isTrue();

      Verdict writes = Checkers.noLostWrites().check(history);
      Verdict availability = Checkers.availability(AvailabilityThresholds.none().maxRecovery(Duration.ofMinutes(5)))
          .check(Facts.of(history, ctx.timeline()));
      StatefulSetSnapshot after = report.snapshot(pg, nodeStopReady);
      Verdict sameVolume = Checkers.statefulSetRecovered(READY).check(BeforeAfter.of(before, after));
      report.counts("writes", writes);
      report.measure("recoveries (first OK write after each inject)", availability.details().get("recoveries"));
      report.measure("success ratio", availability.details().get("success-ratio"));
      report.measure("volume", before.pods().get(0).volumes() + " -> " + after.pods().get(0).volumes());
      report.attach("PostgreSQL pod kill + node stop: measurements");

      assertThat(writes).isValid();
      assertThat(sameVolume).isValid();
      assertThat(availability).isValid();
      assertThat(writes.count("ok")).isGreaterThanOrEqualTo(300);
    });
  }
}
