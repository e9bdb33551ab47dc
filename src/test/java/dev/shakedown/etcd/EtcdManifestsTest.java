package dev.shakedown.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EtcdManifestsTest {

  KubernetesClient client;

  private final EtcdManifests manifests = new EtcdManifests("etcd", "ns", 3, "registry.k8s.io/etcd:3.6.5-0", "256Mi");

  @Test
  void initialClusterNamesEveryOrdinalWithItsStablePeerUrl() {
    assertThat(manifests.members()).containsExactly("etcd-0", "etcd-1", "etcd-2");
    assertThat(manifests.initialCluster()).isEqualTo("etcd-0=http://etcd-0.etcd.ns.svc:2380,"
        + "etcd-1=http://etcd-1.etcd.ns.svc:2380,etcd-2=http://etcd-2.etcd.ns.svc:2380");
    assertThat(new EtcdManifests("kv", "other", 1, "img", "1Gi").initialCluster())
        .isEqualTo("kv-0=http://kv-0.kv.other.svc:2380");
    assertThatThrownBy(() -> new EtcdManifests("etcd", "ns", 0, "img", "1Gi"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replicas must be >= 1, was 0");
  }

  @Test
  void statefulSetStartsMembersInParallelSpreadOverNodesWithAClaimEach() {
    StatefulSet set = manifests.statefulSet();
    assertThat(set.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    assertThat(set.getSpec().getServiceName()).isEqualTo("etcd");
    assertThat(set.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
      assertThat(claim.getMetadata().getName()).isEqualTo("data");
      assertThat(claim.getSpec().getStorageClassName()).as("default StorageClass").isNull();
      assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("256Mi");
    });
    var pod = set.getSpec().getTemplate().getSpec();
    assertThat(pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
        .singleElement().satisfies(t -> assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
    var container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.k8s.io/etcd:3.6.5-0");
    assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(container.getCommand()).containsExactly("/bin/sh", "/etc/shakedown-etcd/start.sh");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
    assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).contains(
        org.assertj.core.groups.Tuple.tuple("INITIAL_CLUSTER", manifests.initialCluster()),
        org.assertj.core.groups.Tuple.tuple("DATA_DIR", "/var/lib/etcd"),
        org.assertj.core.groups.Tuple.tuple("SERVICE", "etcd"));
    assertThat(container.getVolumeMounts()).extracting(m -> m.getName() + ":" + m.getMountPath())
        .containsExactly("data:/var/lib/etcd", "config:/etc/shakedown-etcd");
  }

  @Test
  void peersFindEachOtherBeforeReadyAndEachMemberHasItsOwnNodePort() {
    var headless = manifests.headlessService();
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
    assertThat(headless.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort())
        .containsExactly("client:2379", "peer:2380");
    var one = manifests.memberService("etcd-1");
    assertThat(one.getMetadata().getName()).isEqualTo("etcd-1-client");
    assertThat(one.getSpec().getType()).isEqualTo("NodePort");
    assertThat(one.getSpec().getSelector()).containsEntry("statefulset.kubernetes.io/pod-name", "etcd-1")
        .containsEntry("app.kubernetes.io/name", "etcd");
  }

  @Test
  void configMapCarriesTheStartScriptAndEveryMemberStartsNew() {
    Map<String, String> data = manifests.configMap().getData();
    assertThat(data).containsEntry("etcd-0.state", "new").containsEntry("etcd-1.state", "new")
        .containsEntry("etcd-2.state", "new");
    assertThat(data.get("start.sh")).contains("--initial-cluster=\"${INITIAL_CLUSTER}\"")
        .contains("--initial-cluster-state=\"${state}\"").contains("/etc/shakedown-etcd/${POD_NAME}.state")
        .contains("exec etcd");
    assertThat(manifests.all()).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
        "ConfigMap/etcd-config", "Service/etcd", "Service/etcd-0-client", "Service/etcd-1-client",
        "Service/etcd-2-client", "StatefulSet/etcd");
  }

  @Test
  void deployJoinAsExistingAndTeardownAgainstTheApi() {
    Etcd etcd = Etcd.of(client, "ns", "etcd").deploy();
    assertThat(client.apps().statefulSets().inNamespace("ns").withName("etcd").get()).isNotNull();

    etcd.joinAsExisting("etcd-1");
    assertThat(client.configMaps().inNamespace("ns").withName("etcd-config").get().getData())
        .containsEntry("etcd-1.state", "existing").containsEntry("etcd-0.state", "new");
    assertThatThrownBy(() -> etcd.joinAsExisting("etcd-7")).hasMessageContaining("etcd-7 is not one of");

    etcd.teardown();
    etcd.teardown();
    assertThat(client.services().inNamespace("ns").list().getItems()).isEmpty();
    assertThat(client.configMaps().inNamespace("ns").list().getItems()).isEmpty();
    assertThat(client.apps().statefulSets().inNamespace("ns").list().getItems()).isEmpty();
  }

  @Test
  void imageComesFromTheSystemProperty() {
    String before = System.getProperty(Etcd.IMAGE_PROPERTY);
    System.setProperty(Etcd.IMAGE_PROPERTY, "example/etcd:test");
    try {
      assertThat(Etcd.of(client, "ns", "etcd").manifests().image()).isEqualTo("example/etcd:test");
    } finally {
      if (before == null) {
        System.clearProperty(Etcd.IMAGE_PROPERTY);
      } else {
        System.setProperty(Etcd.IMAGE_PROPERTY, before);
      }
    }
    assertThat(Etcd.of(client, "ns", "etcd").manifests().image()).isEqualTo(Etcd.DEFAULT_IMAGE);
  }
}
