package dev.shakedown.assertj;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.assertj.ShakedownAssertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.api.Test;

class StatefulSetAssertTest {

  private static StatefulSet sts(Integer replicas, Integer ready, String current, String update) {
    return new StatefulSetBuilder()
        .withNewMetadata().withNamespace("chaos-1").withName("db").endMetadata()
        .withNewSpec().withReplicas(replicas).endSpec()
        .withNewStatus().withReadyReplicas(ready).withCurrentRevision(current).withUpdateRevision(update).endStatus()
        .build();
  }

  @Test
  void hasReadyReplicasComparesStatusReadyReplicas() {
    assertThat(sts(3, 2, "db-1", "db-1")).hasReadyReplicas(2);
    assertThat(sts(3, null, "db-1", "db-1")).hasReadyReplicas(0);
    assertThatThrownBy(() -> assertThat(sts(3, 2, "db-1", "db-1")).hasReadyReplicas(3))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected 3 ready replicas but found 2")
        .hasMessageContaining("statefulset chaos-1/db (replicas 3, ready 2");
  }

  @Test
  void isFullyReadyComparesReadyWithSpecReplicasTreatingAbsentAsZero() {
    assertThat(sts(3, 3, "db-1", "db-1")).isFullyReady();
    assertThat(sts(0, null, "db-1", "db-1")).isFullyReady();
    assertThatThrownBy(() -> assertThat(sts(3, 2, "db-1", "db-1")).isFullyReady()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected all 3 replicas ready but 2 were");
    assertThatThrownBy(() -> assertThat(sts(3, null, "db-1", "db-1")).isFullyReady())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected all 3 replicas ready but 0 were");
  }

  @Test
  void isRolledOutComparesCurrentAndUpdateRevisions() {
    assertThat(sts(3, 3, "db-7f9", "db-7f9")).isRolledOut();
    assertThatThrownBy(() -> assertThat(sts(3, 3, "db-7f9", "db-8a1")).isRolledOut())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a rolled-out statefulset")
        .hasMessageContaining("currentRevision db-7f9, updateRevision db-8a1");
    assertThatThrownBy(() -> assertThat(sts(3, 0, null, null)).isRolledOut()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("currentRevision null, updateRevision null");
  }

  @Test
  void assertionsChainAndAStatefulSetWithoutStatusFails() {
    assertThat(sts(3, 3, "db-1", "db-1")).hasReadyReplicas(3).isFullyReady().isRolledOut();
    StatefulSet noStatus = new StatefulSetBuilder().withNewMetadata().withNamespace("chaos-1").withName("db")
        .endMetadata().withNewSpec().withReplicas(1).endSpec().build();
    assertThatThrownBy(() -> assertThat(noStatus).isFullyReady()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("statefulset chaos-1/db (replicas 1, ready 0");
    assertThatThrownBy(() -> assertThat((StatefulSet) null).isRolledOut()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }
}
