package dev.shakedown.postgres;

import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import dev.shakedown.client.Load;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;

import dev.shakedown.check.Checkers;
import dev.shakedown.check.Verdict;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@ChaosTest
class PostgresIT {

  @Test
  void loadKeepsEveryAcknowledgedRowOfAHealthyPrimary(ScenarioContext ctx) {
    long start = System.nanoTime();
    Postgres pg = Postgres.of(ctx).deploy().awaitReady(Duration.ofMinutes(4));
    System.out.printf("MEASURE postgres primary + PVC Ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    assertThat(pg.psql("SHOW data_checksums")).isEqualTo("on");
    assertThat(pg.claim().getStatus().getPhase()).isEqualTo("Bound");

    Load load = JdbcClient.load(ctx, pg).rate(20);
    History history = load.run(Duration.ofSeconds(10));
    Operation read = load.finalRead(Duration.ofMinutes(1));

    List<Operation> ops = history.snapshot();
    long ok = ops.stream().filter(o -> o.isOk() && o.function().equals("write")).count();
    System.out.printf("MEASURE postgres load 20/s for 10 s: %d invokes, %d ok, %d skipped, first not ok: %s%n",
        ops.stream().filter(o -> o.isInvoke() && o.function().equals("write")).count(), ok, load.skipped(),
        ops.stream().filter(o -> (o.isFail() || o.isInfo()) && o.function().equals("write")).findFirst().orElse(null));
    assertThat(read.isOk()).as("final read: %s", read).isTrue();
    assertThat(ok).isBetween(150L, 250L);
    assertThat(pg.psql("SELECT count(*) FROM " + JdbcClient.TABLE)).isEqualTo(Long.toString(ok));
    Verdict verdict = Checkers.noLostWrites().check(history);
    assertThat(verdict).isValid();
  }

  @Test
  void loadAgainstAStoppedPrimaryRecordsFailuresWithoutHanging(ScenarioContext ctx) {
    Postgres pg = Postgres.of(ctx).deploy().awaitReady(Duration.ofMinutes(4));
    JdbcClient client = pg.jdbcClient().timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2));
    client.ensureTable(Duration.ofMinutes(1));
    Load load = JdbcClient.load(ctx, client).rate(10);
    ctx.client().apps().statefulSets().inNamespace(pg.namespace()).withName(pg.name()).scale(0, true);

    long start = System.nanoTime();
    History history = load.run(Duration.ofSeconds(5));
    Operation read = load.finalRead(Duration.ofSeconds(3));
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    List<Operation> ops = history.snapshot();
    System.out.printf("MEASURE load against a stopped primary: %d ops in %d ms, first error: %s%n", ops.size(),
        tookMs, ops.stream().filter(Operation::isFail).findFirst().map(Operation::error).orElse(null));
    assertThat(tookMs).as("bounded by the timeouts").isLessThan(30_000);
    assertThat(read.isOk()).isFalse();
    assertThat(ops).filteredOn(o -> o.function().equals("write") && !o.isInvoke()).isNotEmpty()
        .allMatch(Operation::isFail);
    assertThat(Checkers.noLostWrites().check(history)).isUnknown();
  }
}
