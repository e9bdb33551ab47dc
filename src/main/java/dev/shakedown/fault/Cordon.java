package dev.shakedown.fault;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import java.util.List;
import dev.shakedown.ShakedownException;
import dev.shakedown.cluster.ShakedownLabels;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/** Cordons a node and marks it as cordoned by Shakedown; uncordons only nodes carrying that mark. */
final class Cordon {

  private static final JsonMapper JSON = JsonMapper.builder().build();

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
    ArrayNode patch = JSON.createArrayNode();
    patch.addObject().put("op", "add").put("path", "/spec/unschedulable").put("value", true);
    if (current.getMetadata().getAnnotations() == null) {
      patch.addObject().put("op", "add").put("path", "/metadata/annotations").putObject("value");
    }
    patch.addObject().put("op", "add").put("path", annotation(NodeDrain.ANNOTATION)).put("value", "true");
    if (run != null) {
      patch.addObject().put("op", "add").put("path", annotation(ShakedownLabels.RUN)).put("value", run);
    }
    jsonPatch(client, node, patch);
  }

  /** Uncordons and removes the mark; does nothing for a missing or unmarked node. Idempotent. */
  static void uncordon(KubernetesClient client, String node) {
    Node current = client.nodes().withName(node).get();
    if (current == null || !isMarked(current)) {
      return;
    }
    ArrayNode patch = JSON.createArrayNode();
    if (current.getSpec() != null && current.getSpec().getUnschedulable() != null) {
      patch.addObject().put("op", "remove").put("path", "/spec/unschedulable");
    }
    for (String key : List.of(NodeDrain.ANNOTATION, ShakedownLabels.RUN)) {
      if (current.getMetadata().getAnnotations().containsKey(key)) {
        patch.addObject().put("op", "remove").put("path", annotation(key));
      }
    }
    jsonPatch(client, node, patch);
  }

  /**
   * A JSON patch of the fields alone, with no resourceVersion test, so it cannot conflict with the kubelet's own
   * updates of the node (an edit did: HTTP 409 "the object has been modified" while a restarted node reported).
   */
  private static void jsonPatch(KubernetesClient client, String node, ArrayNode patch) {
    client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON), patch.toString());
  }

  private static String annotation(String key) {
    return "/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1");
  }

  static boolean isMarked(Node node) {
    return "true".equals(orEmpty(node.getMetadata().getAnnotations()).get(NodeDrain.ANNOTATION));
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
