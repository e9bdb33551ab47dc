package dev.shakedown.check;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.assertj.ShakedownAssertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import dev.shakedown.check.StatefulSetSnapshot.PodState;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatefulSetSnapshotsTest {

  private static final StatefulSet SET = new StatefulSetBuilder()
      .withNewMetadata().withNamespace("chaos-1").withName("db").endMetadata()
      .withNewSpec().withReplicas(2).endSpec().build();

  private static Pod pod(String name, Map<String, String> labels, boolean ready, int... restarts) {
    PodBuilder pod = new PodBuilder()
        .withNewMetadata().withName(name).withUid("uid-" + name).withLabels(labels).endMetadata()
        .withNewSpec().withNodeName("worker")
        .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data-" + name)
        .endPersistentVolumeClaim().endVolume()
        .addNewVolume().withName("config").withNewConfigMap().withName("db-config").endConfigMap().endVolume()
        .endSpec()
        .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .endStatus();
    for (int n : restarts) {
      pod.editStatus().addNewContainerStatus().withName("c" + n).withRestartCount(n).endContainerStatus().endStatus();
    }
    return pod.build();
  }

  private static PersistentVolumeClaim claim(String name, String volume) {
    return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withVolumeName(volume).endSpec().build();
  }

  @Test
  void readsPodsClaimsAndVolumesFromFabric8Objects() {
    List<Pod> pods = List.of(pod("db-1", Map.of(), false, 2, 3), pod("db-0", Map.of(), true));
    List<PersistentVolumeClaim> claims = List.of(claim("data-db-0", "pv-a"), claim("data-db-1", "pv-b"));

    StatefulSetSnapshot snapshot = StatefulSetSnapshots.from(SET, pods, claims, Duration.ofSeconds(9));

    assertThat(snapshot.qualifiedName()).isEqualTo("chaos-1/db");
    assertThat(snapshot.replicas()).isEqualTo(2);
    assertThat(snapshot.readyAfter()).isEqualTo(Duration.ofSeconds(9));
    assertThat(snapshot.pods()).containsExactly(
        new PodState("db-0", 0, "uid-db-0", true, 0, Map.of("data-db-0", "pv-a"), "worker"),
        new PodState("db-1", 1, "uid-db-1", false, 5, Map.of("data-db-1", "pv-b"), "worker"));
  }

  @Test
  void prefersThePodIndexLabelAndRefusesAnUnknownOrdinal() {
    Pod labelled = pod("db-x", Map.of(StatefulSetSnapshots.POD_INDEX_LABEL, "4"), true);
    Pod foreign = pod("other-0", Map.of(), true);

    assertThat(StatefulSetSnapshots.ordinal("db", labelled)).isEqualTo(4);
    assertThatThrownBy(() -> StatefulSetSnapshots.ordinal("db", foreign))
        .isInstanceOf(ShakedownException.class).hasMessageContaining("other-0").hasMessageContaining("db-<ordinal>");
  }

  @Test
  void anUnboundClaimMapsToNoVolumeSoARecoveryCheckCatchesIt() {
    StatefulSetSnapshot before = StatefulSetSnapshots.from(SET, List.of(pod("db-0", Map.of(), true),
        pod("db-1", Map.of(), true)), List.of(claim("data-db-0", "pv-a"), claim("data-db-1", "pv-b")), null);
    StatefulSetSnapshot after = StatefulSetSnapshots.from(SET, List.of(pod("db-0", Map.of(), true),
        pod("db-1", Map.of(), true)), List.of(claim("data-db-0", "pv-a")), Duration.ofSeconds(1));

    assertThat(after.pod("db-1").orElseThrow().volumes()).containsEntry("data-db-1", null);
    assertThat(Checkers.statefulSetRecovered(Duration.ofMinutes(1)).check(BeforeAfter.of(before, after))).isInvalid();
    assertThat(Checkers.statefulSetRecovered(Duration.ofMinutes(1)).check(BeforeAfter.of(before,
        before.withReadyAfter(Duration.ofSeconds(1))))).isValid();
  }
}
