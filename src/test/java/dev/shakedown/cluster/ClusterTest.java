package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ClusterTest {

  static KubernetesClient client;

  private final FakeDocker docker = new FakeDocker("shakedown")
      .node("shakedown-worker2", "worker", "running")
      .node("shakedown-control-plane", "control-plane", "running")
      .node("shakedown-worker", "worker", "exited");
  private final Cluster cluster = Cluster.of(client, "kind-shakedown", "shakedown", docker::client);

  @Test
  void nodesAreTheKindContainersSortedByName() {
    assertThat(cluster.nodes()).extracting(Node::name)
        .containsExactly("shakedown-control-plane", "shakedown-worker", "shakedown-worker2");
    assertThat(cluster.workers()).extracting(Node::name).containsExactly("shakedown-worker", "shakedown-worker2");
    assertThat(cluster.context()).isEqualTo("kind-shakedown");
    assertThat(cluster.name()).isEqualTo("shakedown");
    assertThat(cluster.client()).isSameAs(client);
  }

  @Test
  void unknownNodeNamesTheNodeAndTheOnesThatExist() {
    assertThatThrownBy(() -> cluster.node("shakedown-worker9"))
        .isInstanceOf(ShakedownException.class)
        .hasMessageContaining("node/shakedown-worker9")
        .hasMessageContaining("kind cluster 'shakedown'")
        .hasMessageContaining("shakedown-control-plane, shakedown-worker, shakedown-worker2");
  }

  @Test
  void aClusterThatIsNotKindHasNoNodeContainersAndNeverTouchesDocker() {
    Cluster plain = Cluster.of(client, "minikube", "", () -> {
      throw new AssertionError("Docker must not be used");
    });
    assertThat(plain.nodes()).isEmpty();
    assertThat(plain.workers()).isEmpty();
  }

  @Test
  void dockerFailureIsReportedWithTheClusterName() {
    Cluster broken = Cluster.of(client, "kind-x", "x", () -> {
      throw new IllegalStateException("no engine");
    });
    assertThatThrownBy(broken::nodes).isInstanceOf(ShakedownException.class)
        .hasMessageContaining("kind cluster 'x'").hasMessageContaining("no engine");
  }
}
