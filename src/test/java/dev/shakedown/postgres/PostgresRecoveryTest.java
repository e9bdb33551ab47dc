package dev.shakedown.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.history.Timeline;
import dev.shakedown.postgres.Postgres;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PostgresRecoveryTest {

  KubernetesClient client;

  final BaseBackup backup = new BaseBackup("ns", "pg-backup", "shakedown-worker2", 1, 2, "");

  @Test
  void backupJobStreamsABaseBackupIntoItsOwnClaimOnTheDataNode() {
    Postgres pg = Postgres.of(client, "ns", "pg");
    PostgresBackup step = new PostgresBackup(client, pg, new Timeline()).within(Duration.ofMinutes(3));
    assertThat(step.claim().getMetadata().getName()).isEqualTo("pg-backup");
    assertThat(step.claim().getSpec().getStorageClassName()).as("default StorageClass").isNull();

    Job job = step.job("shakedown-worker2");
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(180);
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/hostname", "shakedown-worker2");
    assertThat(pod.getVolumes()).extracting(v -> v.getPersistentVolumeClaim().getClaimName()).containsExactly("pg-backup");
    var container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(pg.image());
    assertThat(container.getCommand().get(2))
        .contains("pg_basebackup -h pg-0.pg.ns.svc -p 5432 -U postgres -w -D /backup/pgdata.partial -X stream -c fast")
        .contains("mv /backup/pgdata.partial /backup/pgdata");
  }

  @Test
  void restoreJobCopiesTheBackupOverTheDataDirectoryOnTheSameNode() {
    Postgres pg = Postgres.of(client, "ns", "pg");
    Job job = new PostgresRestore(client, pg, new Timeline()).job(backup);
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/hostname", "shakedown-worker2");
    assertThat(pod.getVolumes()).extracting(Volume::getName, v -> v.getPersistentVolumeClaim().getClaimName())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("data", "data-pg-0"),
            org.assertj.core.groups.Tuple.tuple("backup", "pg-backup"));
    var mounts = pod.getContainers().get(0).getVolumeMounts();
    assertThat(mounts).filteredOn(m -> m.getName().equals("backup")).singleElement()
        .satisfies(m -> assertThat(m.getReadOnly()).isTrue());
    String script = pod.getContainers().get(0).getCommand().get(2);
    assertThat(script).contains("test -s /backup/pgdata/PG_VERSION", "cp -a /backup/pgdata /data/pgdata.restoring",
        "mv /data/pgdata.restoring /data/pgdata", "chown -R postgres:postgres /data/pgdata", "chmod 0700 /data/pgdata");
    assertThat(script.indexOf("rm -rf /data/pgdata\n")).as("the damaged directory goes only after the copy succeeded")
        .isGreaterThan(script.indexOf("cp -a"));
  }

  @Test
  void backupKnowsItsCutAndDuration() {
    BaseBackup b = new BaseBackup("ns", "pg-backup", "w", 1_000_000, 3_500_000_000L, "log");
    assertThat(b.took()).isEqualTo(Duration.ofNanos(3_499_000_000L));
    assertThat(b.startedNanos()).isEqualTo(1_000_000);
  }
}
