package dev.shakedown.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The default StorageClass binds a PVC, and a pod writes a file to it and reads it back. */
class KindStorageIT {

  final KindFixture kind = new KindFixture("storage");

  @AfterEach
  void cleanUp() {
    kind.close();
  }

  @Test
  void claimBindsAndKeepsWhatAPodWrote() throws Exception {
    kind.client.persistentVolumeClaims().inNamespace(kind.namespace).resource(new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName("data").endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce")
        .withNewResources().addToRequests("storage", new Quantity("16Mi")).endResources().endSpec().build()).create();
    Pod pod = new PodBuilder(kind.workloadPod("writer", kind.workerNames().get(0), "writer"))
        .editSpec().editFirstContainer().addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
        .endContainer().addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data")
        .endPersistentVolumeClaim().endVolume().endSpec().build();
    kind.client.pods().inNamespace(kind.namespace).resource(pod).create();

    kind.awaitReady("writer", Duration.ofSeconds(120));
    await("PVC data Bound").atMost(Duration.ofSeconds(60))
        .until(() -> "Bound".equals(kind.client.persistentVolumeClaims().inNamespace(kind.namespace)
            .withName("data").get().getStatus().getPhase()));
    kind.exec("writer", "sh", "-c", "echo shakedown-was-here > /data/proof && sync");

    assertThat(kind.exec("writer", "cat", "/data/proof")).isEqualTo("shakedown-was-here\n");
    assertThat(kind.client.persistentVolumeClaims().inNamespace(kind.namespace).withName("data").get()
        .getSpec().getStorageClassName()).isEqualTo("standard");
  }
}
