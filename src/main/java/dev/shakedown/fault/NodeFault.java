package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import dev.shakedown.cluster.Cluster;
import dev.shakedown.cluster.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Stops, kills or pauses the Docker containers of the chosen kind nodes through {@link Cluster#node(String)}.
 * Injection checks the container really is stopped / paused; healing starts (or unpauses) each node and
 * waits, bounded by {@link #recoverWithin(Duration)}, until Kubernetes reports it Ready.
 */
public final class NodeFault implements Fault {

  /** What happens to the node container. */
  public enum Action {
    /** {@code docker stop}: SIGRTMIN+3 to systemd, a clean shutdown. */
    STOP,
    /** {@code docker kill}: SIGKILL, a power cut. */
    KILL,
    /** {@code docker pause}: every process frozen, the network stays up; the node stops answering. */
    PAUSE
  }

  private final Action action;
  private final NodeTargets targets;
  private Duration recovery = Duration.ofMinutes(3);

  NodeFault(Action action, NodeTargets targets) {
    this.action = Objects.requireNonNull(action, "action");
    this.targets = Objects.requireNonNull(targets, "targets");
  }

  /** How long healing waits for each node to be Ready again (default 3 minutes). */
  public NodeFault recoverWithin(Duration atMost) {
    this.recovery = Objects.requireNonNull(atMost, "atMost");
    return this;
  }

  @Override
  public String name() {
    return "node-" + action.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    Cluster cluster = scope.requireCluster(name());
    List<String> chosen = targets.select(scope);
    List<Node> hit = new ArrayList<>();
    for (String name : chosen) {
      Node node = cluster.node(name);
      if (node == null) {
        throw new ShakedownException("Node " + name + " not found in cluster " + cluster.name());
      }
      apply(node);
      hit.add(node);
    }
    return Handle.injected(scope, name(), targets.toString(), chosen.stream().map(n -> "node/" + n).toList(),
        () -> hit.forEach(this::heal));
  }

  private void apply(Node node) {
    switch (action) {
      case STOP -> node.stop();
      case KILL -> node.kill();
      case PAUSE -> node.pause();
    }
    boolean happened = action == Action.PAUSE ? node.isPaused() : !node.isRunning();
    if (!happened) {
      throw new ShakedownException("Node " + node.name() + ": expected its container "
          + (action == Action.PAUSE ? "paused" : "stopped") + " after " + name() + ", but it is not");
    }
  }

  private void heal(Node node) {
    if (action == Action.PAUSE) {
      if (node.isPaused()) {
        node.unpause();
      }
    } else if (!node.isRunning()) {
      node.start();
    }
    node.awaitReady(recovery);
  }
}
