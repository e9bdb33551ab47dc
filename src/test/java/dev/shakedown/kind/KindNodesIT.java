package dev.shakedown.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default cluster has one control plane and three workers, all Ready, running the pinned Kubernetes. */
class KindNodesIT {

  static KindFixture kind;

  @BeforeAll
  static void connect() {
    kind = new KindFixture("nodes");
  }

  @AfterAll
  static void cleanUp() {
    kind.close();
  }

  @Test
  void fourNodesAreReady() {
    List<Node> nodes = kind.client.nodes().list().getItems();

    assertThat(nodes).hasSize(4);
    assertThat(nodes).allSatisfy(node -> assertThat(node.getStatus().getConditions())
        .filteredOn(c -> c.getType().equals("Ready")).extracting(NodeCondition::getStatus)
        .as("Ready condition of node %s", node.getMetadata().getName()).containsExactly("True"));
    assertThat(nodes).filteredOn(n -> n.getMetadata().getLabels().containsKey("node-role.kubernetes.io/control-plane"))
        .hasSize(1);
    assertThat(kind.workerNames()).hasSize(3);
  }

  @Test
  void nodesRunThePinnedKubernetesVersion() {
    assertThat(kind.client.nodes().list().getItems())
        .extracting(n -> n.getStatus().getNodeInfo().getKubeletVersion())
        .containsOnly(System.getProperty("shakedown.kubernetesVersion", "v1.34.4"));
  }
}
