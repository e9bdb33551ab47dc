package dev.shakedown.assertj;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a fabric8 {@link Node} as last read from the API; every failure message shows the node's name,
 * Ready condition, {@code spec.unschedulable} and taints.
 */
public class NodeAssert extends AbstractAssert<NodeAssert, Node> {

  public NodeAssert(Node actual) {
    super(actual, NodeAssert.class);
  }

  /** The node's {@code Ready} condition is {@code True}. */
  public NodeAssert isReady() {
    isNotNull();
    if (!"True".equals(readyStatus(actual))) {
      failWithMessage("Expected a Ready node but it was not: %s", describe(actual));
    }
    return this;
  }

  /** The node's {@code Ready} condition is not {@code True} ({@code False}, {@code Unknown} or absent). */
  public NodeAssert isNotReady() {
    isNotNull();
    if ("True".equals(readyStatus(actual))) {
      failWithMessage("Expected a node that is not Ready but it was: %s", describe(actual));
    }
    return this;
  }

  /** New pods may be scheduled on the node: {@code spec.unschedulable} is not {@code true}. */
  public NodeAssert isSchedulable() {
    isNotNull();
    if (cordoned(actual)) {
      failWithMessage("Expected a schedulable node but it was cordoned: %s", describe(actual));
    }
    return this;
  }

  /** The node is cordoned: {@code spec.unschedulable} is {@code true}. */
  public NodeAssert isCordoned() {
    isNotNull();
    if (!cordoned(actual)) {
      failWithMessage("Expected a cordoned node but it was schedulable: %s", describe(actual));
    }
    return this;
  }

  /** No taint in {@code spec.taints} has the key {@code key}, whatever its value and effect. */
  public NodeAssert hasNoTaint(String key) {
    isNotNull();
    List<Taint> found = taints(actual).stream().filter(t -> key.equals(t.getKey())).toList();
    if (!found.isEmpty()) {
      failWithMessage("Expected no taint %s but found %s: %s", key, found.stream().map(NodeAssert::taint).toList(),
          describe(actual));
    }
    return this;
  }

  /**
   * E.g. {@code node kind-worker (Ready=False, unschedulable true, taints [node.kubernetes.io/unreachable:NoExecute])}.
   */
  static String describe(Node node) {
    String ready = readyStatus(node);
    return String.format("node %s (Ready=%s, unschedulable %s, taints %s)",
        node.getMetadata() == null ? null : node.getMetadata().getName(), ready == null ? "absent" : ready,
        cordoned(node), taints(node).stream().map(NodeAssert::taint).toList());
  }

  private static String readyStatus(Node node) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) {
      return null;
    }
    return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
        .map(NodeCondition::getStatus).findFirst().orElse(null);
  }

  private static boolean cordoned(Node node) {
    return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
  }

  private static List<Taint> taints(Node node) {
    return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
  }

  private static String taint(Taint t) {
    String value = t.getValue() == null || t.getValue().isEmpty() ? "" : "=" + t.getValue();
    return t.getKey() + value + ":" + t.getEffect();
  }
}
