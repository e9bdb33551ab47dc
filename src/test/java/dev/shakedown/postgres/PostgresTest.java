package dev.shakedown.postgres;

import dev.shakedown.postgres.Postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PostgresTest {

  KubernetesClient client;

  @Test
  void onePrimaryWithAClaimAProbeAndAFastStop() {
    Postgres pg = Postgres.of(client, "ns", "pg");
    StatefulSet set = pg.statefulSet();

    assertThat(set.getSpec().getReplicas()).isEqualTo(1);
    assertThat(set.getSpec().getServiceName()).isEqualTo("pg");
    var claim = set.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(claim.getMetadata().getName()).isEqualTo("data");
    assertThat(claim.getSpec().getStorageClassName()).as("default StorageClass").isNull();
    assertThat(pg.claimName()).isEqualTo("data-pg-0");
    Container c = set.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getImage()).isEqualTo(Postgres.DEFAULT_IMAGE);
    assertThat(c.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(c.getVolumeMounts()).singleElement().satisfies(m -> {
      assertThat(m.getName()).isEqualTo("data");
      assertThat(m.getMountPath()).isEqualTo("/var/lib/postgresql/data");
    });
    assertThat(c.getReadinessProbe().getExec().getCommand()).startsWith("pg_isready");
    assertThat(c.getLifecycle().getPreStop().getExec().getCommand()).containsExactly("sh", "-c", "kill -INT 1");
    assertThat(c.getArgs()).contains("fsync=on", "synchronous_commit=on");
  }

  @Test
  void aMemoryVolumeReplacesTheClaimWithASizedEmptyDirOfTheSameName() {
    StatefulSet set = Postgres.of(client, "ns", "pg").memoryVolume("128Mi").statefulSet();
    assertThat(set.getSpec().getVolumeClaimTemplates()).isEmpty();
    var volume = set.getSpec().getTemplate().getSpec().getVolumes().get(0);
    assertThat(volume.getName()).isEqualTo("data");
    assertThat(volume.getEmptyDir().getMedium()).isEqualTo("Memory");
    assertThat(volume.getEmptyDir().getSizeLimit()).isEqualTo(new io.fabric8.kubernetes.api.model.Quantity("128Mi"));
    assertThat(set.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts().get(0).getName())
        .isEqualTo("data");
  }

  @Test
  void headlessAndNodePortServices() {
    Postgres pg = Postgres.of(client, "ns", "pg");
    Service headless = pg.headlessService();
    Service client = pg.clientService();
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(client.getMetadata().getName()).isEqualTo("pg-client");
    assertThat(client.getSpec().getType()).isEqualTo("NodePort");
    assertThat(client.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(5432));
    assertThat(pg.podHost()).isEqualTo("pg-0.pg.ns.svc");
  }

  @Test
  void imageComesFromTheSystemProperty() {
    String before = System.getProperty(Postgres.IMAGE_PROPERTY);
    System.setProperty(Postgres.IMAGE_PROPERTY, "registry.local/pg:17.9");
    try {
      assertThat(Postgres.of(client, "ns", "pg").statefulSet().getSpec().getTemplate().getSpec()
          .getContainers().get(0).getImage()).isEqualTo("registry.local/pg:17.9");
    } finally {
      if (before == null) {
        System.clearProperty(Postgres.IMAGE_PROPERTY);
      } else {
        System.setProperty(Postgres.IMAGE_PROPERTY, before);
      }
    }
  }

  @Test
  void deployCreatesEverythingAndTeardownRemovesIt() {
    Postgres pg = Postgres.of(client, "ns", "pg").deploy();
    assertThat(client.apps().statefulSets().inNamespace("ns").withName("pg").get()).isNotNull();
    assertThat(client.services().inNamespace("ns").list().getItems()).hasSize(2);
    pg.teardown();
    assertThat(client.apps().statefulSets().inNamespace("ns").withName("pg").get()).isNull();
    assertThat(client.services().inNamespace("ns").list().getItems()).isEmpty();
  }
}
