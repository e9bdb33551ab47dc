package dev.shakedown.assertj;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.assertj.ShakedownAssertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.junit.jupiter.api.Test;

class NodeAssertTest {

  /** kind-worker, Ready and schedulable, with only a PreferNoSchedule taint. */
  private static Node healthy() {
    return new NodeBuilder()
        .withNewMetadata().withName("kind-worker").endMetadata()
        .withNewSpec()
          .addNewTaint().withKey("example.com/soft").withValue("yes").withEffect("PreferNoSchedule").endTaint()
        .endSpec()
        .withNewStatus()
          .addNewCondition().withType("MemoryPressure").withStatus("False").endCondition()
          .addNewCondition().withType("Ready").withStatus("True").endCondition()
        .endStatus()
        .build();
  }

  /** kind-worker2, cordoned and unreachable: Ready=Unknown and the node controller's NoExecute taint. */
  private static Node unreachable() {
    return new NodeBuilder()
        .withNewMetadata().withName("kind-worker2").endMetadata()
        .withNewSpec().withUnschedulable(true)
          .addNewTaint().withKey("node.kubernetes.io/unreachable").withEffect("NoExecute").endTaint()
        .endSpec()
        .withNewStatus().addNewCondition().withType("Ready").withStatus("Unknown").endCondition().endStatus()
        .build();
  }

  @Test
  void isReadyPassesOnReadyTrueAndFailsShowingTheNode() {
    assertThat(healthy()).isReady();
    assertThatThrownBy(() -> assertThat(unreachable()).isReady()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a Ready node")
        .hasMessageContaining(
            "node kind-worker2 (Ready=Unknown, unschedulable true, taints [node.kubernetes.io/unreachable:NoExecute])");
  }

  @Test
  void isNotReadyPassesOnUnknownOrAbsentAndFailsOnReady() {
    assertThat(unreachable()).isNotReady();
    assertThat(new NodeBuilder().withNewMetadata().withName("new").endMetadata().build()).isNotReady();
    assertThatThrownBy(() -> assertThat(healthy()).isNotReady()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("not Ready but it was")
        .hasMessageContaining("node kind-worker (Ready=True");
  }

  @Test
  void isSchedulablePassesUnlessUnschedulableIsTrue() {
    assertThat(healthy()).isSchedulable();
    assertThat(new NodeBuilder(healthy()).editSpec().withUnschedulable(false).endSpec().build()).isSchedulable();
    assertThatThrownBy(() -> assertThat(unreachable()).isSchedulable()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a schedulable node but it was cordoned")
        .hasMessageContaining("unschedulable true");
  }

  @Test
  void isCordonedPassesOnlyWhenUnschedulableIsTrue() {
    assertThat(unreachable()).isCordoned();
    assertThatThrownBy(() -> assertThat(healthy()).isCordoned()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a cordoned node but it was schedulable")
        .hasMessageContaining("node kind-worker (Ready=True, unschedulable false");
  }

  @Test
  void hasNoTaintLooksAtTheKeyWhateverTheEffect() {
    assertThat(healthy()).hasNoTaint("node.kubernetes.io/unreachable");
    assertThat(new NodeBuilder().withNewMetadata().withName("bare").endMetadata().build()).hasNoTaint("any");
    assertThatThrownBy(() -> assertThat(unreachable()).hasNoTaint("node.kubernetes.io/unreachable"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected no taint node.kubernetes.io/unreachable but found "
            + "[node.kubernetes.io/unreachable:NoExecute]");
    assertThatThrownBy(() -> assertThat(healthy()).hasNoTaint("example.com/soft")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("[example.com/soft=yes:PreferNoSchedule]");
  }

  @Test
  void assertionsChainAndANullNodeFails() {
    assertThat(healthy()).isReady().isSchedulable().hasNoTaint("node.kubernetes.io/unreachable");
    assertThatThrownBy(() -> assertThat((Node) null).isReady()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }
}
