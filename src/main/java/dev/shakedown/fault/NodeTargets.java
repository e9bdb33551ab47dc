package dev.shakedown.fault;

import io.fabric8.kubernetes.api.model.Node;
import java.util.List;
import java.util.function.Function;

/**
 * A seeded choice among the cluster's nodes (workers, all nodes, one by name, or those running a
 * workload's pods) and how many to take ({@link #one()} by default). Made by {@link Targets}.
 */
public final class NodeTargets {

  private final String description;
  private final Function<FaultScope, List<Node>> candidates;
  private final Pick pick;

  NodeTargets(String description, Function<FaultScope, List<Node>> candidates, Pick pick) {
    this.description = description;
    this.candidates = candidates;
    this.pick = pick;
  }

  public NodeTargets one() { return with(Pick.count(1)); }

  public NodeTargets count(int n) { return with(Pick.count(n)); }

  public NodeTargets percent(int p) { return with(Pick.percent(p)); }

  public NodeTargets all() { return with(Pick.all()); }

  public NodeTargets minority() { return with(Pick.minority()); }

  public NodeTargets majority() { return with(Pick.majority()); }

  private NodeTargets with(Pick other) {
    return new NodeTargets(description, candidates, other);
  }

  /** Chooses node names now; throws {@link TargetException} when nothing or too little matches. */
  public List<String> select(FaultScope scope) {
    List<Node> nodes = candidates.apply(scope);
    if (nodes.isEmpty()) {
      throw new TargetException("no node matches " + description);
    }
    return pick.choose(nodes, n -> n.getMetadata().getName(), scope.random(), "nodes " + description).stream()
        .map(n -> n.getMetadata().getName())
        .toList();
  }

  @Override
  public String toString() {
    return pick + " of nodes " + description;
  }
}
