package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ClusterHealthTest {

  KubernetesClient client;

  private void systemPod(String name, boolean ready) {
    client.pods().inNamespace("kube-system").resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
        .endCondition().endStatus().build()).create();
  }

  @Test
  void aHealthyClusterHasNoProblems() {
    FakeDocker docker = new FakeDocker("shakedown").node("shakedown-control-plane", "control-plane", "running");
    Fixtures.readyNode(client, "shakedown-control-plane", Fixtures.now());
    systemPod("kube-proxy-a", true);

    assertThat(ClusterHealth.problems(Cluster.of(client, "kind-shakedown", "shakedown", docker::client))).isEmpty();
  }

  @Test
  void namesAStoppedOrPausedNodeContainerANodeNotReadyAndASystemPodNotReady() {
    FakeDocker docker = new FakeDocker("shakedown").node("shakedown-control-plane", "control-plane", "running")
        .node("shakedown-worker", "worker", "paused").node("shakedown-worker2", "worker", "exited");
    Fixtures.readyNode(client, "shakedown-control-plane", Fixtures.now());
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName("shakedown-worker").endMetadata()
        .withNewStatus().addNewCondition().withType("Ready").withStatus("Unknown").endCondition().endStatus().build())
        .create();
    systemPod("coredns-x", false);

    assertThat(ClusterHealth.problems(Cluster.of(client, "kind-shakedown", "shakedown", docker::client)))
        .containsExactlyInAnyOrder("node container shakedown-worker is paused",
            "node container shakedown-worker2 is exited", "node/shakedown-worker is not Ready",
            "pod kube-system/coredns-x is not Ready (phase Running)");
  }
}
