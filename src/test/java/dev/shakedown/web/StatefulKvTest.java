package dev.shakedown.web;

import dev.shakedown.web.StatefulKv;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class StatefulKvTest {

  KubernetesClient client;

  @Test
  void threeReplicasWithClaimsOnTheDefaultClassSpreadOverNodes() {
    StatefulKv kv = StatefulKv.of(client, "ns", "kv");
    StatefulSet set = kv.statefulSet();

    assertThat(set.getSpec().getReplicas()).isEqualTo(3);
    assertThat(set.getSpec().getServiceName()).isEqualTo("kv");
    PersistentVolumeClaim claim = set.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(claim.getSpec().getStorageClassName()).as("default StorageClass").isNull();
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    var affinity = set.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
    assertThat(affinity.getRequiredDuringSchedulingIgnoredDuringExecution()).singleElement()
        .satisfies(term -> assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
    var container = set.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getVolumeMounts()).singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/data"));
    assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
        .contains(org.assertj.core.groups.Tuple.tuple("DATA_DIR", "/data"),
            org.assertj.core.groups.Tuple.tuple("UNSAFE", "false"));
    assertThat(kv.headlessService().getSpec().getClusterIP()).isEqualTo("None");
  }

  @Test
  void unsafeAndPreferredSpreadAreOptions() {
    StatefulSet set = StatefulKv.of(client, "ns", "kv").unsafe(true).requiredSpread(false).statefulSet();
    assertThat(set.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("UNSAFE=true"));
    var affinity = set.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
    assertThat(affinity.getRequiredDuringSchedulingIgnoredDuringExecution()).isEmpty();
    assertThat(affinity.getPreferredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
  }

  @Test
  void deployAndTeardown() {
    StatefulKv kv = StatefulKv.of(client, "ns", "kv").deploy();
    assertThat(client.apps().statefulSets().inNamespace("ns").withName("kv").get()).isNotNull();
    kv.teardown();
    kv.teardown();
    assertThat(client.apps().statefulSets().inNamespace("ns").list().getItems()).isEmpty();
    assertThat(client.services().inNamespace("ns").list().getItems()).isEmpty();
    assertThat(kv.manifests()).extracting(m -> m.getMetadata().getName()).containsExactly("kv", "kv-client", "kv");
  }
}
