package dev.shakedown.cluster;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import java.util.List;
import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * The marks Shakedown puts on a node and takes off again, each by a JSON patch of its fields alone (no
 * resourceVersion, so they never conflict with the kubelet's own updates): a cordon with the annotation
 * {@link ShakedownLabels#CORDONED} (only nodes carrying it are uncordoned), and the exclusion from load balancers
 * ({@link #EXCLUDE_FROM_LOAD_BALANCERS}) with the annotation {@link ShakedownLabels#EXCLUDED}. The sweep takes off what
 * a killed run left.
 */
public final class NodeMarks {

  /** The well-known label the service controller (and Shakedown's NodePort clients) honour: no traffic to the node. */
  public static final String EXCLUDE_FROM_LOAD_BALANCERS = "node.kubernetes.io/exclude-from-external-load-balancers";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private NodeMarks() {}

  /** The run id on the scenario namespace (label {@code shakedown.dev/run}), or {@code null}. */
  public static String runOf(KubernetesClient client, String namespace) {
    try {
      var ns = client.namespaces().withName(namespace).get();
      return ns == null || ns.getMetadata().getLabels() == null ? null
          : ns.getMetadata().getLabels().get(ShakedownLabels.RUN);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Cordons and annotates the node; {@code run} (may be null) names the run, so a concurrent run is not blamed. */
  public static void cordon(KubernetesClient client, String node, String run) {
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
    patch.addObject().put("op", "add").put("path", annotation(ShakedownLabels.CORDONED)).put("value", "true");
    if (run != null) {
      patch.addObject().put("op", "add").put("path", annotation(ShakedownLabels.RUN)).put("value", run);
    }
    jsonPatch(client, node, patch);
  }

  /** Uncordons and removes the mark; does nothing for a missing or unmarked node. Idempotent. */
  public static void uncordon(KubernetesClient client, String node) {
    Node current = client.nodes().withName(node).get();
    if (current == null || !isMarked(current)) {
      return;
    }
    ArrayNode patch = JSON.createArrayNode();
    if (current.getSpec() != null && current.getSpec().getUnschedulable() != null) {
      patch.addObject().put("op", "remove").put("path", "/spec/unschedulable");
    }
    for (String key : List.of(ShakedownLabels.CORDONED, ShakedownLabels.RUN)) {
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
    return "/metadata/annotations/" + escape(key);
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /**
   * Labels the node {@link #EXCLUDE_FROM_LOAD_BALANCERS}, as an operator does before maintenance, and marks that
   * Shakedown did; a node that already carries the label is left as it is.
   */
  public static void excludeFromLoadBalancers(KubernetesClient client, String node) {
    Node current = client.nodes().withName(node).get();
    if (current == null) {
      throw new ShakedownException("Node " + node + " not found: cannot exclude it from load balancers");
    }
    if (orEmpty(current.getMetadata().getLabels()).containsKey(EXCLUDE_FROM_LOAD_BALANCERS)) {
      return;
    }
    ArrayNode patch = JSON.createArrayNode();
    if (current.getMetadata().getLabels() == null) {
      patch.addObject().put("op", "add").put("path", "/metadata/labels").putObject("value");
    }
    if (current.getMetadata().getAnnotations() == null) {
      patch.addObject().put("op", "add").put("path", "/metadata/annotations").putObject("value");
    }
    patch.addObject().put("op", "add").put("path", "/metadata/labels/" + escape(EXCLUDE_FROM_LOAD_BALANCERS))
        .put("value", "true");
    patch.addObject().put("op", "add").put("path", annotation(ShakedownLabels.EXCLUDED)).put("value", "true");
    jsonPatch(client, node, patch);
  }

  /** Takes the exclusion off a node Shakedown excluded; does nothing for any other node. Idempotent. */
  public static void includeInLoadBalancers(KubernetesClient client, String node) {
    Node current = client.nodes().withName(node).get();
    if (current == null || !"true".equals(orEmpty(current.getMetadata().getAnnotations()).get(ShakedownLabels.EXCLUDED))) {
      return;
    }
    ArrayNode patch = JSON.createArrayNode();
    if (orEmpty(current.getMetadata().getLabels()).containsKey(EXCLUDE_FROM_LOAD_BALANCERS)) {
      patch.addObject().put("op", "remove").put("path", "/metadata/labels/" + escape(EXCLUDE_FROM_LOAD_BALANCERS));
    }
    patch.addObject().put("op", "remove").put("path", annotation(ShakedownLabels.EXCLUDED));
    jsonPatch(client, node, patch);
  }

  /** Whether load balancers leave the node out (the label, set by anyone). */
  public static boolean isExcludedFromLoadBalancers(Node node) {
    return orEmpty(node.getMetadata().getLabels()).containsKey(EXCLUDE_FROM_LOAD_BALANCERS);
  }

  public static boolean isMarked(Node node) {
    return "true".equals(orEmpty(node.getMetadata().getAnnotations()).get(ShakedownLabels.CORDONED));
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
