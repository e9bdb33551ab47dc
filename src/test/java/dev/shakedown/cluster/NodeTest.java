package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class NodeTest {

  static KubernetesClient client;

  private final FakeDocker docker = new FakeDocker("shakedown").node("shakedown-worker", "worker", "running");
  private final Cluster cluster = Cluster.of(client, "kind-shakedown", "shakedown", docker::client);

  @Test
  void stopStartPauseUnpauseActOnTheContainerAndTheLedger() {
    Node node = cluster.node("shakedown-worker");
    node.stop();
    assertThat(node.isRunning()).isFalse();
    assertThat(cluster.pendingNodeChanges()).containsEntry("shakedown-worker", "stopped");
    node.start();
    assertThat(node.isRunning()).isTrue();
    assertThat(cluster.pendingNodeChanges()).isEmpty();
    node.pause();
    assertThat(node.isPaused()).isTrue();
    assertThat(node.isRunning()).isTrue();
    assertThat(cluster.pendingNodeChanges()).containsEntry("shakedown-worker", "paused");
    node.unpause();
    assertThat(node.isPaused()).isFalse();
    node.kill();
    assertThat(cluster.pendingNodeChanges()).containsEntry("shakedown-worker", "killed");
    assertThat(docker.calls).containsExactly("stop shakedown-worker", "start shakedown-worker", "pause shakedown-worker",
        "unpause shakedown-worker", "kill shakedown-worker");
  }

  @Test
  void awaitReadyNeedsALeaseRenewedAfterTheRestart() {
    Fixtures.readyNode(client, "shakedown-worker", Fixtures.now().minusMinutes(5));
    Node node = cluster.node("shakedown-worker");
    assertThatCode(() -> node.awaitReady(Duration.ofSeconds(2))).doesNotThrowAnyException();

    node.stop();
    node.start();
    Node otherHandle = cluster.node("shakedown-worker");
    assertThatThrownBy(() -> otherHandle.awaitReady(Duration.ofSeconds(1)))
        .isInstanceOf(ShakedownException.class)
        .hasMessageContaining("node/shakedown-worker Ready (lease renewed after ").hasMessageContaining("not within PT1S; last seen: kubelet has not renewed its lease")
        .hasMessageContaining("has not renewed its lease");

    Fixtures.readyNode(client, "shakedown-worker", Fixtures.now().plusSeconds(1));
    assertThatCode(() -> node.awaitReady(Duration.ofSeconds(2))).doesNotThrowAnyException();
  }

  @Test
  void awaitReadyOnAStoppedContainerSaysSo() {
    Fixtures.readyNode(client, "shakedown-worker", Fixtures.now());
    Node node = cluster.node("shakedown-worker");
    node.stop();
    assertThatThrownBy(() -> node.awaitReady(Duration.ofMillis(700)))
        .isInstanceOf(ShakedownException.class).hasMessageContaining("container is exited");
  }
}
