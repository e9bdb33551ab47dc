package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ClaimVolumeTest {

  static final String PATH = "/var/local-path-provisioner/pvc-1_chaos_data-pg-0";

  KubernetesClient client;

  void claim(String name, String volume) {
    client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace("chaos")
        .endMetadata().withNewSpec().withVolumeName(volume).endSpec().withNewStatus()
        .withPhase(volume == null ? "Pending" : "Bound").endStatus().build()).create();
  }

  void hostPathVolume(String name, String node) {
    PersistentVolumeBuilder pv = new PersistentVolumeBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withNewHostPath().withPath(PATH + "/").endHostPath().endSpec();
    if (node != null) {
      pv.editSpec().withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
          .withKey("kubernetes.io/hostname").withOperator("In").withValues(node).endMatchExpression()
          .endNodeSelectorTerm().endRequired().endNodeAffinity().endSpec();
    }
    client.resource(pv.build()).create();
  }

  @Test
  void resolvesALocalPathClaimToItsNodeAndDirectory() {
    claim("data-pg-0", "pvc-1");
    hostPathVolume("pvc-1", "shakedown-worker3");

    ClaimVolume volume = ClaimVolume.resolve(client, "chaos", "data-pg-0");

    assertThat(volume).isEqualTo(new ClaimVolume("chaos", "data-pg-0", "pvc-1", "shakedown-worker3", PATH));
    assertThat(volume.resolve("pgdata/base/5/16385")).isEqualTo(PATH + "/pgdata/base/5/16385");
    assertThat(volume.describe()).contains("chaos/data-pg-0", "pvc-1", PATH, "node/shakedown-worker3");
  }

  @Test
  void aMissingClaimIsNamed() {
    assertThatThrownBy(() -> ClaimVolume.resolve(client, "chaos", "data-nope-0")).isInstanceOf(TargetException.class)
        .hasMessage("PersistentVolumeClaim chaos/data-nope-0 not found");
  }

  @Test
  void anUnboundClaimSaysSo() {
    claim("data-pg-0", null);
    assertThatThrownBy(() -> ClaimVolume.resolve(client, "chaos", "data-pg-0")).isInstanceOf(TargetException.class)
        .hasMessageContaining("chaos/data-pg-0").hasMessageContaining("expected it bound").hasMessageContaining("Pending");
  }

  @Test
  void aVolumeWithoutNodeAffinityCannotBeLocated() {
    claim("data-pg-0", "pvc-1");
    hostPathVolume("pvc-1", null);
    assertThatThrownBy(() -> ClaimVolume.resolve(client, "chaos", "data-pg-0")).isInstanceOf(TargetException.class)
        .hasMessageContaining("pvc-1").hasMessageContaining("kubernetes.io/hostname");
  }

  @Test
  void aNetworkVolumeIsRefused() {
    claim("data-pg-0", "pvc-2");
    client.resource(new PersistentVolumeBuilder().withNewMetadata().withName("pvc-2").endMetadata().withNewSpec()
        .withNewNfs().withServer("nfs").withPath("/x").endNfs().endSpec().build()).create();
    assertThatThrownBy(() -> ClaimVolume.resolve(client, "chaos", "data-pg-0")).isInstanceOf(TargetException.class)
        .hasMessageContaining("neither hostPath nor local path");
  }
}
