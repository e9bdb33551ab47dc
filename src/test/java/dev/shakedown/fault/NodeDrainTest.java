package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import dev.shakedown.history.Timeline;
import dev.shakedown.history.TimelineEvent;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class NodeDrainTest {

  KubernetesMockServer server;
  KubernetesClient client;
  Timeline timeline = new Timeline();

  @BeforeEach
  void cluster() {
    Fixtures.node(client, "worker", false);
    Fixtures.node(client, "worker2", false);
  }

  FaultScope scope() {
    return new FaultScope(client, Fixtures.NS, timeline, new Random(1), null);
  }

  Node node(String name) {
    return client.nodes().withName(name).get();
  }

  @Test
  void evictionBlockedByABudgetUncordonsAndNamesTheBlockedPod() {
    Fixtures.pod(client, "web-0", "worker", "ReplicaSet", "rs", true);
    server.expect().post().withPath("/api/v1/namespaces/chaos/pods/web-0/eviction")
        .andReturn(429, new StatusBuilder().withStatus("Failure").withCode(429).withReason("TooManyRequests")
            .withMessage("Cannot evict pod as it would violate the pod's disruption budget.").build())
        .always();

    NodeDrain drain = Faults.nodeDrain(Targets.node("worker")).timeout(Duration.ofSeconds(2));

    assertThatThrownBy(() -> drain.inject(scope()))
        .isInstanceOf(ShakedownException.class)
        .hasMessageContaining("Node worker drained (every evictable pod evicted and gone): not within PT2S; last seen: 1 pod(s) remain")
        .hasMessageContaining("chaos/web-0=eviction refused (429")
        .hasMessageContaining("the node was uncordoned");
    assertThat(node("worker").getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    assertThat(node("worker").getMetadata().getAnnotations()).doesNotContainKey(NodeDrain.ANNOTATION);
    assertThat(timeline.snapshot()).noneMatch(e -> "inject".equals(e.kind()));
  }

  @Test
  void drainEvictsEvictablePodsSkipsDaemonSetPodsAndHealsOnce() {
    Fixtures.pod(client, "web-0", "worker", "ReplicaSet", "rs", true);
    Fixtures.pod(client, "agent-x", "worker", "DaemonSet", "ds", true);
    Fixtures.pod(client, "web-1", "worker2", "ReplicaSet", "rs", true);
    server.expect().post().withPath("/api/v1/namespaces/chaos/pods/web-0/eviction")
        .andReply(201, request -> {
          // what the API server does after an accepted eviction (not on the mock's dispatcher thread)
          CompletableFuture.runAsync(() -> client.pods().inNamespace(Fixtures.NS).withName("web-0").delete());
          return new StatusBuilder().withStatus("Success").build();
        })
        .once();

    FaultHandle handle = Faults.nodeDrain(Targets.node("worker")).timeout(Duration.ofSeconds(10)).inject(scope());

    assertThat(handle.targets()).containsExactly("node/worker");
    assertThat(node("worker").getSpec().getUnschedulable()).isTrue();
    assertThat(node("worker").getMetadata().getAnnotations()).containsEntry(NodeDrain.ANNOTATION, "true");
    assertThat(client.pods().inNamespace(Fixtures.NS).withName("web-0").get()).isNull();
    assertThat(client.pods().inNamespace(Fixtures.NS).withName("agent-x").get()).isNotNull();
    assertThat(client.pods().inNamespace(Fixtures.NS).withName("web-1").get()).isNotNull();

    handle.close();
    handle.close();

    assertThat(handle.isHealed()).isTrue();
    assertThat(node("worker").getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    assertThat(node("worker").getMetadata().getAnnotations()).doesNotContainKey(NodeDrain.ANNOTATION);
    assertThat(timeline.snapshot()).extracting(TimelineEvent::kind).containsExactly("injecting", "inject", "heal");
  }

  @Test
  void refusesToLosePodsWithoutController() {
    Fixtures.pod(client, "bare", "worker", null, null, true);
    assertThatThrownBy(() -> Faults.nodeDrain(Targets.node("worker")).inject(scope()))
        .isInstanceOf(ShakedownException.class)
        .hasMessageContaining("pods [chaos/bare] have no controller and would be lost");
    assertThat(node("worker").getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void refusesANodeSomeoneElseCordoned() {
    client.nodes().withName("worker2").edit(n -> {
      n.getSpec().setUnschedulable(true);
      return n;
    });
    assertThatThrownBy(() -> Faults.nodeDrain(Targets.node("worker2")).inject(scope()))
        .isInstanceOf(ShakedownException.class).hasMessageContaining("Node worker2 is already cordoned by someone else");
    assertThat(node("worker2").getSpec().getUnschedulable()).isTrue();
  }
}
