package dev.shakedown.postgres;

import dev.shakedown.workload.JobRun;

import dev.shakedown.fault.ClaimVolume;
import dev.shakedown.history.Timeline;
import dev.shakedown.report.AllureReport;
import dev.shakedown.cluster.Scope;
import dev.shakedown.postgres.Postgres;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Recovery step: takes a base backup of a {@link Postgres} primary into another claim, {@code <name>-backup}, with
 * a Job running {@code pg_basebackup -X stream -c fast} against the primary's stable DNS name. The Job is pinned to
 * the node holding the data volume, so the backup volume (local-path, bound where first used) lands beside it and
 * {@link PostgresRestore} can copy between the two. Marks {@code recovery / backup-begin, backup-end} in the timeline.
 */
public final class PostgresBackup {

  static final String HOSTNAME = "kubernetes.io/hostname";

  private final KubernetesClient client;
  private final Postgres pg;
  private final Timeline timeline;
  private Duration atMost = Duration.ofMinutes(5);

  public PostgresBackup(KubernetesClient client, Postgres pg, Timeline timeline) {
    this.client = Objects.requireNonNull(client, "client");
    this.pg = Objects.requireNonNull(pg, "pg");
    this.timeline = Objects.requireNonNull(timeline, "timeline");
  }

  public static PostgresBackup of(Scope ctx, Postgres pg) {
    return new PostgresBackup(ctx.client(), pg, ctx.timeline());
  }

  /** Bound on the backup Job (default 5 minutes). */
  public PostgresBackup within(Duration atMost) {
    this.atMost = Objects.requireNonNull(atMost, "atMost");
    return this;
  }

  public String claimName() {
    return pg.name() + "-backup";
  }

  public PersistentVolumeClaim claim() {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName(claimName()).withNamespace(pg.namespace()).withLabels(labels()).endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce")
          .withNewResources().addToRequests("storage", new Quantity("256Mi")).endResources()
        .endSpec()
        .build();
  }

  /** The Job that writes the backup to {@code /backup/pgdata} (atomically: a partial backup never replaces one). */
  public Job job(String node) {
    String script = "set -eu\n"
        + "rm -rf /backup/pgdata.partial\n"
        + "pg_basebackup -h " + pg.podHost() + " -p " + Postgres.PORT + " -U postgres -w -D /backup/pgdata.partial"
        + " -X stream -c fast -v\n"
        + "rm -rf /backup/pgdata\nmv /backup/pgdata.partial /backup/pgdata\nsync\n"
        + "echo \"backup complete: $(du -sk /backup/pgdata | cut -f1) KiB\"\n";
    return new JobBuilder()
        .withNewMetadata().withName(pg.name() + "-basebackup").withNamespace(pg.namespace()).withLabels(labels())
        .endMetadata()
        .withNewSpec().withBackoffLimit(2).withActiveDeadlineSeconds(atMost.toSeconds())
          .withNewTemplate()
            .withNewMetadata().withLabels(labels()).endMetadata()
            .withNewSpec().withRestartPolicy("Never").withNodeSelector(Map.of(HOSTNAME, node))
              .addNewContainer().withName("pg-basebackup").withImage(pg.image()).withImagePullPolicy("IfNotPresent")
                .withCommand("sh", "-c", script)
                .addNewEnv().withName("PGCONNECT_TIMEOUT").withValue("10").endEnv()
                .addNewVolumeMount().withName("backup").withMountPath("/backup").endVolumeMount()
              .endContainer()
              .addNewVolume().withName("backup").withNewPersistentVolumeClaim().withClaimName(claimName())
              .endPersistentVolumeClaim().endVolume()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * Takes the backup now (the primary must be Ready).
   *
   * @throws dev.shakedown.ShakedownException naming the Job, with its logs, when it fails or exceeds the bound
   */
  public BaseBackup take() {
    String node = ClaimVolume.resolve(client, pg.namespace(), pg.claimName()).node();
    client.resource(claim()).inNamespace(pg.namespace()).createOr(it -> it.update());
    long started = System.nanoTime();
    timeline.mark("recovery", "backup-begin").subject("pvc/" + pg.namespace() + "/" + claimName()).detail("node " + node).record();
    String log = JobRun.run(client, job(node), "pg_basebackup of " + pg.podHost() + " into " + claimName(), atMost);
    long finished = System.nanoTime();
    BaseBackup backup = new BaseBackup(pg.namespace(), claimName(), node, started, finished, log);
    timeline.mark("recovery", "backup-end").subject("pvc/" + pg.namespace() + "/" + claimName()).detail("took " + backup.took().toMillis() + " ms").record();
    AllureReport.attachText("pg_basebackup into " + claimName(), "text/plain", "txt", log);
    return backup;
  }

  Map<String, String> labels() {
    return Map.of("app.kubernetes.io/name", pg.name() + "-recovery", "app.kubernetes.io/managed-by", "shakedown");
  }
}
