package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class NodeMarksTest {

  KubernetesClient client;

  @Test
  void aNodeExcludedByShakedownIsPutBackAndOneExcludedBySomeoneElseIsLeftAlone() {
    client.resource(new NodeBuilder().withNewMetadata().withName("w1").endMetadata().build()).create();
    client.resource(new NodeBuilder().withNewMetadata().withName("w2")
        .withLabels(Map.of(NodeMarks.EXCLUDE_FROM_LOAD_BALANCERS, "")).endMetadata().build()).create();

    NodeMarks.excludeFromLoadBalancers(client, "w1");
    NodeMarks.excludeFromLoadBalancers(client, "w2");
    assertThat(NodeMarks.isExcludedFromLoadBalancers(client.nodes().withName("w1").get())).isTrue();
    assertThat(client.nodes().withName("w1").get().getMetadata().getAnnotations())
        .containsEntry(ShakedownLabels.EXCLUDED, "true");

    NodeMarks.includeInLoadBalancers(client, "w1");
    NodeMarks.includeInLoadBalancers(client, "w2");
    assertThat(NodeMarks.isExcludedFromLoadBalancers(client.nodes().withName("w1").get())).isFalse();
    assertThat(client.nodes().withName("w1").get().getMetadata().getAnnotations())
        .doesNotContainKey(ShakedownLabels.EXCLUDED);
    assertThat(NodeMarks.isExcludedFromLoadBalancers(client.nodes().withName("w2").get()))
        .as("excluded by someone else: left excluded").isTrue();
  }

  @Test
  void aCordonIsMarkedAndOnlyAMarkedCordonIsLifted() {
    client.resource(new NodeBuilder().withNewMetadata().withName("w1").endMetadata().withNewSpec().endSpec().build())
        .create();

    NodeMarks.cordon(client, "w1", "run-1");
    var cordoned = client.nodes().withName("w1").get();
    assertThat(cordoned.getSpec().getUnschedulable()).isTrue();
    assertThat(cordoned.getMetadata().getAnnotations()).containsEntry(ShakedownLabels.CORDONED, "true")
        .containsEntry(ShakedownLabels.RUN, "run-1");

    NodeMarks.uncordon(client, "w1");
    var uncordoned = client.nodes().withName("w1").get();
    assertThat(uncordoned.getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    assertThat(uncordoned.getMetadata().getAnnotations()).doesNotContainKeys(ShakedownLabels.CORDONED,
        ShakedownLabels.RUN);
  }
}
