package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import dev.shakedown.cluster.ShakedownLabels;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;

/** Cordons a node and marks it as cordoned by Shakedown; uncordons only nodes carrying that mark. */
final class Cordon {

  private Cordon() {}

  /** The run id on the scenario namespace (label {@code shakedown.dev/run}), or {@code null}. */
  static String runOf(KubernetesClient client, String namespace) {
    try {
      var ns = client.namespaces().withName(namespace).get();
      return ns == null || ns.getMetadata().getLabels() == null ? null
          : ns.getMetadata().getLabels().get(ShakedownLabels.RUN);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Cordons and annotates the node; {@code run} (may be null) names the run, so a concurrent run is not blamed. */
  static void cordon(KubernetesClient client, String node, String run) {
    Node current = client.nodes().withName(node).get();
    if (current == null) {
      throw new ShakedownException("Node " + node + " not found: cannot cordon it");
    }
    if (Boolean.TRUE.equals(current.getSpec().getUnschedulable()) && !isMarked(current)) {
      throw new ShakedownException("Node " + node + " is already cordoned by someone else: refusing to drain it");
    }
    client.nodes().withName(node).edit(n -> {
      n.getSpec().setUnschedulable(true);
      Map<String, String> annotations = new HashMap<>(orEmpty(n.getMetadata().getAnnotations()));
      annotations.put(NodeDrain.ANNOTATION, "true");
      if (run != null) {
        annotations.put(ShakedownLabels.RUN, run);
      }
      n.getMetadata().setAnnotations(annotations);
      return n;
    });
  }

  /** Uncordons and removes the mark; does nothing for a missing or unmarked node. Idempotent. */
  static void uncordon(KubernetesClient client, String node) {
    Node current = client.nodes().withName(node).get();
    if (current == null || !isMarked(current)) {
      return;
    }
    client.nodes().withName(node).edit(n -> {
      n.getSpec().setUnschedulable(null);
      Map<String, String> annotations = new HashMap<>(orEmpty(n.getMetadata().getAnnotations()));
      annotations.remove(NodeDrain.ANNOTATION);
      annotations.remove(ShakedownLabels.RUN);
      n.getMetadata().setAnnotations(annotations);
      return n;
    });
  }

  static boolean isMarked(Node node) {
    return "true".equals(orEmpty(node.getMetadata().getAnnotations()).get(NodeDrain.ANNOTATION));
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
