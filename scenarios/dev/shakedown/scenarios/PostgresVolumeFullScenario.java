package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import dev.shakedown.check.AvailabilityThresholds;
import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.check.Verdict;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.postgres.JdbcClient;
import dev.shakedown.postgres.Postgres;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's data volume fills up under JDBC write load (20/s): its data lives on a 128 MiB volume of its own, and
 * a filler leaves no byte free. Writes fail (fail, never lost) while it is full and reads keep working; once the
 * filler is deleted writes resume, and no acknowledged write is lost.
 */
@ChaosTest
class PostgresVolumeFullScenario {

  static final Duration READY = ofMinutes(5);

  @Test
  void writesFailWhileTheVolumeIsFullAndNoAcknowledgedWriteIsLost(ScenarioContext ctx) {
    Postgres pg = ctx.deploy(Postgres.of(ctx).memoryVolume("128Mi"));
    Run run = ctx.run(JdbcClient.load(ctx, pg).rate(20)).holdUntilOk(100, ofMinutes(2));
    long filled = System.nanoTime();
    run.inject(Faults.fillVolume(Targets.pods(pg).one(), "data"))
        .holdUntil("writes fail while the volume is full", () -> run.history().snapshot().stream()
            .filter(o -> o.nanos() > filled && (o.isFail() || o.isInfo())).count(), n -> n > 0, ofMinutes(1));
    run.measure("first failed write after the fill", run.history().snapshot().stream()
        .filter(o -> o.nanos() > filled && (o.isFail() || o.isInfo())).findFirst().map(o -> o.error()).orElse("-"));
    run.measure("rows readable while full", pg.psql("select count(*) from " + JdbcClient.TABLE).strip())
        .hold(ofSeconds(10)).heal().recover(() -> pg.awaitReady(READY)).holdUntilOk(100, ofMinutes(3));

    assertThat(run.finalRead(ofMinutes(2))).isOk();
    Verdict verdict = run.check(Checkers.noLostWrites().on(Facts::history),
        Checkers.availability(AvailabilityThresholds.none().maxRecovery(READY)));
    assertThat(verdict).isValid();
    org.assertj.core.api.Assertions.assertThat(verdict.part("availability").count("fail"))
        .as("writes refused (fail, not info) while the volume was full").isPositive();
  }
}
