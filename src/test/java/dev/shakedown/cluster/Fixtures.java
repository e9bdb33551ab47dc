package dev.shakedown.cluster;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Objects for mock-server tests. */
final class Fixtures {

  private Fixtures() {}

  /** A Ready node whose kubelet lease was renewed at {@code renewed}. */
  static void readyNode(KubernetesClient client, String name, ZonedDateTime renewed) {
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build())
        .createOr(r -> r.update());
    client.leases().inNamespace("kube-node-lease").resource(new LeaseBuilder().withNewMetadata().withName(name)
        .endMetadata().withNewSpec().withHolderIdentity(name).withRenewTime(renewed).endSpec().build())
        .createOr(r -> r.update());
  }

  static void cordon(KubernetesClient client, String node, String runOrNull) {
    client.nodes().withName(node).edit(n -> {
      NodeBuilder b = new NodeBuilder(n).editOrNewSpec().withUnschedulable(true).endSpec()
          .editMetadata().addToAnnotations(ShakedownLabels.CORDONED, "true").endMetadata();
      if (runOrNull != null) {
        b.editMetadata().addToAnnotations(ShakedownLabels.RUN, runOrNull).endMetadata();
      }
      return b.build();
    });
  }

  static boolean unschedulable(KubernetesClient client, String node) {
    return Boolean.TRUE.equals(client.nodes().withName(node).get().getSpec().getUnschedulable());
  }

  static void managedNamespace(KubernetesClient client, String name, String run, String owner) {
    NamespaceBuilder ns = new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels(ShakedownLabels.MANAGED, "true").addToAnnotations(ShakedownLabels.OWNER, owner).endMetadata();
    if (run != null) {
      ns.editMetadata().addToLabels(ShakedownLabels.RUN, run).endMetadata();
    }
    client.namespaces().resource(ns.build()).create();
  }

  /** A run lease as another run would have left it. */
  static void runLease(KubernetesClient client, String run, String owner, ZonedDateTime renewed) {
    client.leases().inNamespace(RunLease.NAMESPACE).resource(new LeaseBuilder().withNewMetadata()
        .withName(RunLease.name(run)).addToLabels(ShakedownLabels.RUN_LEASE, "true").addToLabels(ShakedownLabels.RUN, run)
        .endMetadata().withNewSpec().withHolderIdentity(owner).withLeaseDurationSeconds(RunLease.DURATION_SECONDS)
        .withRenewTime(renewed).endSpec().build()).create();
  }

  static ZonedDateTime now() {
    return ZonedDateTime.now(ZoneOffset.UTC);
  }
}
