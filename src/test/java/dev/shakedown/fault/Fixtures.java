package dev.shakedown.fault;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** Objects for the mock API server. */
final class Fixtures {

  static final String NS = "chaos";

  private Fixtures() {}

  static Pod pod(KubernetesClient client, String name, String node, String ownerKind, String ownerUid, boolean ready) {
    PodBuilder builder = new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).withLabels(Map.of("app", "web")).endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("workload").withImage("w").endContainer().endSpec()
        .withNewStatus().withPhase("Running")
          .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
          .addNewContainerStatus().withName("workload").withRestartCount(0).withReady(ready).endContainerStatus()
        .endStatus();
    if (ownerKind != null) {
      builder.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind(ownerKind).withName("owner")
          .withUid(ownerUid).withController(true).endOwnerReference().endMetadata();
    }
    return client.resource(builder.build()).create();
  }

  static Node node(KubernetesClient client, String name, boolean controlPlane) {
    NodeBuilder builder = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().endSpec()
        .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
          .addNewAddress().withType("InternalIP").withAddress("10.0.0." + (name.length() % 200)).endAddress()
        .endStatus();
    if (controlPlane) {
      builder.editMetadata().addToLabels(Targets.CONTROL_PLANE_LABEL, "").endMetadata();
    }
    return client.resource(builder.build()).create();
  }
}
