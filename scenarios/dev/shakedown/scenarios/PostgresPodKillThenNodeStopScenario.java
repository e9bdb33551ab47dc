package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import dev.shakedown.check.AvailabilityThresholds;
import dev.shakedown.check.BeforeAfter;
import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.check.ReadyPods;
import dev.shakedown.check.StatefulSetSnapshot;
import dev.shakedown.check.Verdict;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.history.Operation;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.postgres.JdbcClient;
import dev.shakedown.postgres.Postgres;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL pod killed, then its node stopped, under JDBC write load (20/s): the single primary must come back on
 * the same claim and volume each time, every fault must recover within 5 minutes, and no acknowledged write may be
 * lost (at least 300 acknowledged in all).
 */
@ChaosTest
class PostgresPodKillThenNodeStopScenario {

  static final Duration READY = ofMinutes(5);

  @Test
  void primaryRecoversOnItsVolumeWithoutLosingAcknowledgedWrites(ScenarioContext ctx) {
    Postgres pg = ctx.deploy(Postgres.of(ctx));
    StatefulSetSnapshot before = pg.snapshot(null);
    Run run = ctx.run(JdbcClient.load(ctx, pg).rate(20)).holdUntilOk(100, ofMinutes(2));
    run.inject(Faults.podKill(Targets.pods(pg).one()).recoverWithin(READY)).heal().holdUntilOk(100, ofMinutes(2));
    long stopped = System.nanoTime();
    run.inject(Faults.nodeStop(Targets.nodesRunning(pg).one()).recoverWithin(READY))
        .holdUntil("writes fail while the primary's node is down", () -> run.history().snapshot().stream()
            .filter(o -> o.nanos() > stopped && (o.isFail() || o.isInfo())).count(), n -> n > 0, ofMinutes(1));
    run.hold(ofSeconds(20)).heal().recover(() -> pg.awaitReady(READY)).holdUntilOk(100, ofMinutes(3));
    Operation read = run.finalRead(ofMinutes(2));
    StatefulSetSnapshot after = pg.snapshot(ReadyPods.of(ctx.timeline().snapshot(),
        ReadyPods.prefix(ctx.namespace(), pg.name())).lastRecovery(ctx.timeline().snapshot(), 1));
    run.measure("volume", before.pods().get(0).volumes() + " -> " + after.pods().get(0).volumes());

    Verdict verdict = run.check(Checkers.noLostWrites().on(Facts::history),
        Checkers.availability(AvailabilityThresholds.none().maxRecovery(READY)),
        Checkers.statefulSetRecovered(READY).on(facts -> BeforeAfter.of(before, after)));
    assertThat(read).isOk();
    assertThat(verdict).isValid();
    assertThat(verdict.part("no-lost-writes").count("ok")).isGreaterThanOrEqualTo(300);
  }
}
