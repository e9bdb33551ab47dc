package dev.shakedown.assertj;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.assertj.ShakedownAssertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class PodAssertTest {

  /** db-0 in chaos-1, Running and Ready on kind-worker, owned by StatefulSet db, restarted 1 + 2 times. */
  private static Pod running() {
    return new PodBuilder()
        .withNewMetadata().withNamespace("chaos-1").withName("db-0")
          .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName("db").withUid("u1")
          .endOwnerReference()
        .endMetadata()
        .withNewSpec().withNodeName("kind-worker").endSpec()
        .withNewStatus().withPhase("Running")
          .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
          .addNewCondition().withType("Ready").withStatus("True").endCondition()
          .addNewContainerStatus().withName("db").withRestartCount(1).endContainerStatus()
          .addNewContainerStatus().withName("sidecar").withRestartCount(2).endContainerStatus()
        .endStatus()
        .build();
  }

  /** db-1 in chaos-1, Pending, not yet scheduled: no node, no Ready condition, no container statuses, no owner. */
  private static Pod pending() {
    return new PodBuilder()
        .withNewMetadata().withNamespace("chaos-1").withName("db-1").endMetadata()
        .withNewSpec().endSpec()
        .withNewStatus().withPhase("Pending").endStatus()
        .build();
  }

  private static Pod notReady() {
    return new PodBuilder(running())
        .editStatus().withConditions().addNewCondition().withType("Ready").withStatus("False").endCondition()
        .endStatus()
        .build();
  }

  @Test
  void isReadyPassesOnReadyTrueAndFailsShowingThePod() {
    assertThat(running()).isReady();
    assertThatThrownBy(() -> assertThat(notReady()).isReady()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a Ready pod")
        .hasMessageContaining("pod chaos-1/db-0 (phase Running, Ready=False, node kind-worker, restarts 3)");
    assertThatThrownBy(() -> assertThat(pending()).isReady()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("pod chaos-1/db-1 (phase Pending, Ready=absent, node null, restarts 0)");
  }

  @Test
  void isNotReadyPassesOnFalseOrAbsentAndFailsOnReady() {
    assertThat(notReady()).isNotReady();
    assertThat(pending()).isNotReady();
    assertThatThrownBy(() -> assertThat(running()).isNotReady()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("not Ready but it was")
        .hasMessageContaining("Ready=True");
  }

  @Test
  void isRunningChecksThePhase() {
    assertThat(running()).isRunning();
    assertThatThrownBy(() -> assertThat(pending()).isRunning()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a Running pod but its phase was Pending")
        .hasMessageContaining("pod chaos-1/db-1");
  }

  @Test
  void isOnNodeChecksTheNodeName() {
    assertThat(running()).isOnNode("kind-worker");
    assertThatThrownBy(() -> assertThat(running()).isOnNode("kind-worker2")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a pod on node kind-worker2 but it was on kind-worker");
    assertThatThrownBy(() -> assertThat(pending()).isOnNode("kind-worker")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("but it was on null");
  }

  @Test
  void hasRestartCountAtLeastSumsTheContainers() {
    assertThat(running()).hasRestartCountAtLeast(3);
    assertThat(pending()).hasRestartCountAtLeast(0);
    assertThatThrownBy(() -> assertThat(running()).hasRestartCountAtLeast(4)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected at least 4 restarts but found 3");
    assertThatThrownBy(() -> assertThat(pending()).hasRestartCountAtLeast(1)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected at least 1 restarts but found 0");
  }

  @Test
  void isOwnedByMatchesKindAndName() {
    assertThat(running()).isOwnedBy("StatefulSet", "db");
    assertThatThrownBy(() -> assertThat(running()).isOwnedBy("StatefulSet", "web")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a pod owned by StatefulSet/web but its owners were [StatefulSet/db]");
    assertThatThrownBy(() -> assertThat(running()).isOwnedBy("ReplicaSet", "db")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("owned by ReplicaSet/db");
    assertThatThrownBy(() -> assertThat(pending()).isOwnedBy("StatefulSet", "db")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("its owners were []");
  }

  @Test
  void assertionsChainAndAPodWithoutStatusFails() {
    assertThat(running()).isRunning().isReady().isOnNode("kind-worker").isOwnedBy("StatefulSet", "db");
    Pod bare = new PodBuilder().withNewMetadata().withName("bare").endMetadata().build();
    assertThatThrownBy(() -> assertThat(bare).isRunning()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("pod null/bare (phase null, Ready=absent, node null, restarts 0)");
    assertThatThrownBy(() -> assertThat((Pod) null).isReady()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }
}
