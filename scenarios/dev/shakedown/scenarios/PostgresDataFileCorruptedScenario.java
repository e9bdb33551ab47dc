package dev.shakedown.scenarios;

import dev.shakedown.internal.Waits;
import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.scenarios.PostgresScenarioSupport.awaitAcknowledged;
import static dev.shakedown.scenarios.PostgresScenarioSupport.since;

import dev.shakedown.check.AcknowledgedWrite;
import dev.shakedown.check.Checkers;
import dev.shakedown.client.Load;
import dev.shakedown.check.Verdict;
import dev.shakedown.check.WriteSetAnalysis;
import dev.shakedown.fault.FaultHandle;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.VolumeFile;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.observe.TimelineRecorder;
import dev.shakedown.postgres.BaseBackup;
import dev.shakedown.postgres.PostgresBackup;
import dev.shakedown.postgres.PostgresRestore;
import dev.shakedown.report.AllureReport;
import dev.shakedown.scenario.Phase;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.history.History;
import dev.shakedown.postgres.JdbcClient;
import dev.shakedown.history.Operation;
import dev.shakedown.postgres.Postgres;
import dev.shakedown.workload.Workloads;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL data file corrupted at rest: bytes of the written table's relation file are flipped while the
 * primary is stopped; with data checksums on, the next read must fail ("invalid page"), the primary is restored
 * from the base backup taken during steady state, and exactly the writes acknowledged after the backup are lost.
 */
@ChaosTest
class PostgresDataFileCorruptedScenario {

  static final Duration READY = Duration.ofMinutes(5);

  @Test
  void checksumFailureIsSurfacedAndTheRestoreLosesOnlyWritesAfterTheBackup(ScenarioContext ctx) {
    PostgresScenarioSupport report = new PostgresScenarioSupport(ctx);
    Postgres pg = Postgres.of(ctx);
    ctx.phase(Phase.STEADY, () -> {
      pg.deploy().awaitReady(READY);
      TimelineRecorder.start(ctx);
    });
    Load load = JdbcClient.load(ctx, pg).rate(20);
    History history = load.history();
    BaseBackup backup = ctx.phase(Phase.LOAD, () -> {
      load.start();
      awaitAcknowledged(history, 100, Duration.ofMinutes(2));
      BaseBackup taken = PostgresBackup.of(ctx, pg).take();
      report.measure("base backup (under load) took", taken.took());
      awaitAcknowledged(history, 100, Duration.ofMinutes(2));
      load.stop();
      return taken;
    });

    ctx.phase(Phase.INJECT, () -> {
      String relation = Postgres.PGDATA_DIR + "/" + pg.psql("SELECT pg_relation_filepath('" + JdbcClient.TABLE + "')");
      pg.psql("CHECKPOINT");
      pg.stop(READY);
      FaultHandle flip = Faults.flipBytes(VolumeFile.path(pg.claimName(), relation)).bytes(8).inject(ctx);
      flip.close(); // corruption is not reversible: closing only marks the (no-op) heal
      report.measure("corrupted relation file", relation);
      pg.start(READY);
    });

    ctx.phase("detect", () -> {
      Operation broken = Waits.until("a read of " + JdbcClient.TABLE + " reaches the restarted primary (ok or a query "
          + "error)", Duration.ofMinutes(1), Duration.ofSeconds(1), () -> load.finalRead(Duration.ofMillis(1)),
          r -> r.isOk() || !r.error().startsWith("connect"));
      ctx.timeline().record("check", "read-after-corruption", "table/" + JdbcClient.TABLE,
          broken.isOk() ? "read succeeded" : broken.error(), null);
      report.measure("read after corruption", broken.isOk() ? "OK (corruption not detected!)" : broken.error());
      assertThat(broken.isFail()).as("a read of the corrupted table must fail").isTrue();
      assertThat(broken.error()).containsAnyOf("invalid page", "checksum");
    });

    ctx.phase(Phase.RECOVER, () -> {
      Duration took = PostgresRestore.of(ctx, pg).restore(backup);
      report.measure("restore from backup (scale 0, copy, Ready) took", took);
    });

    ctx.phase(Phase.VERIFY, () -> {
      long readStart = System.nanoTime();
      Operation read = load.finalRead(Duration.ofMinutes(2));
      report.measure("first successful read after restore", since(readStart));
      assertThat(read.isOk()).as("final read: %s", read).isTrue();

      long cut = backup.startedNanos();
      WriteSetAnalysis analysis = WriteSetAnalysis.of(history);
      List<AcknowledgedWrite> window = analysis.lostWritesAfter(cut);
      Verdict verdict = Checkers.noLostWritesAcknowledgedBefore(cut).check(history);
      long ackedAfterCut = history.snapshot().stream()
          .filter(o -> o.isOk() && o.function().equals("write") && o.nanos() > cut).count();
      report.counts("writes", verdict);
      report.measure("acknowledged after the backup started", ackedAfterCut);
      report.measure("lost in the window after the backup (lost-after-cut)", verdict.count("lost-after-cut"));
      report.measure("loss window", window.isEmpty() ? "empty" : "acknowledged +"
          + Duration.ofNanos(window.get(0).acknowledgedNanos() - cut).toMillis() + " ms to +"
          + Duration.ofNanos(window.get(window.size() - 1).acknowledgedNanos() - cut).toMillis()
          + " ms after the backup started (backup took " + backup.took().toMillis() + " ms)");
      AllureReport.attachText("acknowledged writes lost by the restore (after the backup)", "text/plain", "txt",
          window.stream().map(Object::toString).collect(Collectors.joining(System.lineSeparator())));
      report.attach("PostgreSQL data file corrupted: measurements");

      assertThat(verdict).isValid();
      assertThat(window).as("every lost write falls after the backup").hasSize(analysis.lostWrites().size());
      assertThat(window).as("writes acknowledged after the backup are gone").isNotEmpty();
      assertThat(verdict.count("corrupt")).isZero();
      assertThat(verdict.count("unexpected")).isZero();
    });
  }
}
