package dev.shakedown.maintenance;

import java.util.List;
import java.util.Map;

/**
 * What draining one node would do, by {@link CapacityCheck}: where each of its pods would go, which wait for the
 * node (a volume that lives there only), which fit nowhere (with each other node's reason), and which a
 * PodDisruptionBudget would keep.
 *
 * @param node the node drained
 * @param placed pod ({@code namespace/name}) to the node it would go to
 * @param pinned pods that can only come back on this node, and why
 * @param unplaceable pods no other node takes, with each node's reason
 * @param blocked pods whose eviction a budget refuses, naming the budget
 */
public record NodePlan(String node, Map<String, String> placed, List<PodProblem> pinned,
    List<PodProblem> unplaceable, List<PodProblem> blocked) {

  /** A pod ({@code namespace/name}) and why it does not simply move. */
  public record PodProblem(String pod, String why) {
    @Override
    public String toString() {
      return pod + ": " + why;
    }
  }

  public NodePlan {
    placed = Map.copyOf(placed);
    pinned = List.copyOf(pinned);
    unplaceable = List.copyOf(unplaceable);
    blocked = List.copyOf(blocked);
  }

  /** Whether the node can be drained with every pod placed (pods waiting for the node itself aside). */
  public boolean fits() {
    return unplaceable.isEmpty() && blocked.isEmpty();
  }

  /** One line: {@code worker2: 5 pods placed, 1 waits for the node, 0 fit nowhere, 0 blocked}. */
  public String summary() {
    return node + ": " + placed.size() + " placed, " + pinned.size() + " wait for the node, " + unplaceable.size()
        + " fit nowhere" + (unplaceable.isEmpty() ? "" : " " + unplaceable) + ", " + blocked.size() + " blocked"
        + (blocked.isEmpty() ? "" : " " + blocked);
  }
}
