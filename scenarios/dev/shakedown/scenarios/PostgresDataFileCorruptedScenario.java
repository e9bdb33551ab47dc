package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static java.time.Duration.ofMinutes;

import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.check.Verdict;
import dev.shakedown.check.WriteSetAnalysis;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.VolumeFile;
import dev.shakedown.history.Operation;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.postgres.BaseBackup;
import dev.shakedown.postgres.JdbcClient;
import dev.shakedown.postgres.Postgres;
import dev.shakedown.postgres.PostgresBackup;
import dev.shakedown.postgres.PostgresRestore;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL relation file corrupted at rest (bytes flipped while the primary is stopped): with data checksums on the
 * next read fails ("invalid page"); restored from the base backup taken under load, only writes after it are lost.
 */
@ChaosTest
class PostgresDataFileCorruptedScenario {

  static final Duration READY = ofMinutes(5);

  @Test
  void checksumFailureIsSurfacedAndTheRestoreLosesOnlyWritesAfterTheBackup(ScenarioContext ctx) {
    Postgres pg = ctx.deploy(Postgres.of(ctx));
    var load = JdbcClient.load(ctx, pg).rate(20);
    Run run = ctx.run(load).holdUntilOk(100, ofMinutes(2));
    BaseBackup backup = PostgresBackup.of(ctx, pg).take();
    run.measure("base backup (under load) took", backup.took()).holdUntilOk(100, ofMinutes(2));
    load.stop(); // the table must be quiet before its file is corrupted
    String relation = Postgres.PGDATA_DIR + "/" + pg.psql("SELECT pg_relation_filepath('" + JdbcClient.TABLE + "')");
    pg.psql("CHECKPOINT");
    pg.stop(READY);
    run.inject(Faults.flipBytes(VolumeFile.path(pg.claimName(), relation)).bytes(8)).heal() // irreversible: heal marks
        .measure("corrupted relation file", relation).recover(() -> pg.start(READY));
    Operation broken = run.holdUntil("a read reaches the restarted primary (ok or a query error)", load::read,
        r -> r.isOk() || !r.error().startsWith("connect"), ofMinutes(1));
    run.measure("read after corruption", broken.isOk() ? "OK (corruption not detected!)" : broken.error())
        .recover(() -> run.measure("restore (scale 0, copy, Ready) took", PostgresRestore.of(ctx, pg).restore(backup)));
    Operation read = run.finalRead(ofMinutes(2));
    var lostAfterBackup = WriteSetAnalysis.of(run.history()).lostWritesAfter(backup.startedNanos());

    Verdict verdict = run.check(Checkers.noLostWritesAcknowledgedBefore(backup.startedNanos()).on(Facts::history));
    assertThat(broken).isFail().hasErrorContainingAnyOf("invalid page", "checksum");
    assertThat(read).isOk();
    assertThat(verdict).isValid(); // no corrupt or unexpected value; lost-after-cut listed in its details
    assertThat(lostAfterBackup).as("only writes after the backup lost").isNotEmpty()
        .hasSize((int) verdict.part("no-lost-writes").count("lost"));
  }
}
