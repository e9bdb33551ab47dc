package dev.shakedown.maintenance;

import dev.shakedown.check.Verdict;
import java.util.List;
import java.util.stream.Collectors;

/** The {@link CapacityCheck} of several nodes, each drained alone; {@link #verdict()} judges it. */
public record CapacityReport(List<NodePlan> nodes) {

  public CapacityReport {
    nodes = List.copyOf(nodes);
  }

  /**
   * {@code capacity}: INVALID when a pod of some node fits on no other node or a budget allows no disruption (the
   * summary names each pod and why); pods that wait for their own node are counted, not judged. Counts:
   * {@code nodes, placed, pinned, unplaceable, blocked}.
   */
  public Verdict verdict() {
    long placed = nodes.stream().mapToLong(n -> n.placed().size()).sum();
    long pinned = nodes.stream().mapToLong(n -> n.pinned().size()).sum();
    long unplaceable = nodes.stream().mapToLong(n -> n.unplaceable().size()).sum();
    long blocked = nodes.stream().mapToLong(n -> n.blocked().size()).sum();
    Verdict.Builder b = Verdict.builder("capacity").count("nodes", nodes.size()).count("placed", placed)
        .count("pinned", pinned).count("unplaceable", unplaceable).count("blocked", blocked);
    nodes.forEach(n -> b.detail(n.node(), n.summary()));
    if (unplaceable + blocked > 0) {
      String problems = nodes.stream().filter(n -> !n.fits()).map(NodePlan::summary)
          .collect(Collectors.joining("; "));
      return b.status(Verdict.Status.INVALID).summary("capacity INVALID: " + problems).build();
    }
    return b.status(Verdict.Status.VALID).summary("capacity VALID: every pod of " + nodes.stream().map(NodePlan::node)
        .toList() + " fits elsewhere (" + placed + " placed, " + pinned + " wait for their node)").build();
  }
}
