package dev.shakedown.postgres;

import dev.shakedown.workload.JobRun;

import dev.shakedown.history.Timeline;
import dev.shakedown.report.AllureReport;
import dev.shakedown.cluster.Scope;
import dev.shakedown.postgres.Postgres;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Recovery step: restores a {@link Postgres} primary from a {@link BaseBackup}. Scales the StatefulSet to 0 and
 * waits for its pod to be gone, replaces {@code pgdata/} on the data volume with a copy of the backup (a Job on the
 * node holding both volumes; the damaged directory is deleted), scales back to 1 and waits until Ready; PostgreSQL
 * then replays the backup's WAL. Marks {@code recovery / restore-begin, restore-end} in the timeline.
 */
public final class PostgresRestore {

  private final KubernetesClient client;
  private final Postgres pg;
  private final Timeline timeline;
  private Duration atMost = Duration.ofMinutes(5);

  public PostgresRestore(KubernetesClient client, Postgres pg, Timeline timeline) {
    this.client = Objects.requireNonNull(client, "client");
    this.pg = Objects.requireNonNull(pg, "pg");
    this.timeline = Objects.requireNonNull(timeline, "timeline");
  }

  public static PostgresRestore of(Scope ctx, Postgres pg) {
    return new PostgresRestore(ctx.client(), pg, ctx.timeline());
  }

  /** Bound on each stage: scale-down, copy Job, Ready again (default 5 minutes each). */
  public PostgresRestore within(Duration atMost) {
    this.atMost = Objects.requireNonNull(atMost, "atMost");
    return this;
  }

  /** The Job that copies {@code /backup/pgdata} over {@code /data/pgdata}, owned by the postgres user. */
  public Job job(BaseBackup backup) {
    String script = "set -eu\n"
        + "test -s /backup/pgdata/PG_VERSION || { echo 'no base backup at /backup/pgdata' >&2; exit 1; }\n"
        + "rm -rf /data/pgdata.restoring\ncp -a /backup/pgdata /data/pgdata.restoring\n"
        + "rm -rf /data/" + Postgres.PGDATA_DIR + "\nmv /data/pgdata.restoring /data/" + Postgres.PGDATA_DIR + "\n"
        + "chown -R postgres:postgres /data/" + Postgres.PGDATA_DIR + "\nchmod 0700 /data/" + Postgres.PGDATA_DIR
        + "\nsync\necho \"restored $(du -sk /data/" + Postgres.PGDATA_DIR + " | cut -f1) KiB\"\n";
    Map<String, String> labels = Map.of("app.kubernetes.io/name", pg.name() + "-recovery",
        "app.kubernetes.io/managed-by", "shakedown");
    return new JobBuilder()
        .withNewMetadata().withName(pg.name() + "-restore").withNamespace(pg.namespace()).withLabels(labels)
        .endMetadata()
        .withNewSpec().withBackoffLimit(1).withActiveDeadlineSeconds(atMost.toSeconds())
          .withNewTemplate()
            .withNewMetadata().withLabels(labels).endMetadata()
            .withNewSpec().withRestartPolicy("Never").withNodeSelector(Map.of(PostgresBackup.HOSTNAME, backup.node()))
              .addNewContainer().withName("restore").withImage(pg.image()).withImagePullPolicy("IfNotPresent")
                .withCommand("sh", "-c", script)
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .addNewVolumeMount().withName("backup").withMountPath("/backup").withReadOnly(true).endVolumeMount()
              .endContainer()
              .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(pg.claimName())
              .endPersistentVolumeClaim().endVolume()
              .addNewVolume().withName("backup").withNewPersistentVolumeClaim().withClaimName(backup.claim())
              .endPersistentVolumeClaim().endVolume()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * Restores now and returns how long it took, from scale-down to Ready.
   *
   * @throws dev.shakedown.ShakedownException naming what did not happen within the bound
   */
  public Duration restore(BaseBackup backup) {
    long start = System.nanoTime();
    String subject = "statefulset/" + pg.namespace() + "/" + pg.name();
    timeline.mark("recovery", "restore-begin").subject(subject).detail("from pvc/" + backup.namespace() + "/" + backup.claim()).record();
    pg.stop(atMost);
    String log = JobRun.run(client, job(backup), "copy " + backup.claim() + " over " + pg.claimName(), atMost);
    AllureReport.attachText("restore of " + pg.claimName() + " from " + backup.claim(), "text/plain", "txt", log);
    pg.start(atMost);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    timeline.mark("recovery", "restore-end").subject(subject).detail("took " + took.toMillis() + " ms").record();
    return took;
  }
}
