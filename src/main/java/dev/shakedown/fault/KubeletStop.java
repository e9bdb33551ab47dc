package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import dev.shakedown.cluster.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Stops the kubelet on the chosen kind nodes ({@code systemctl stop kubelet}): the node stops reporting and goes
 * NotReady after the controller manager's grace period, while its containers keep running. Injection checks the
 * kubelet is inactive; healing starts it and waits, bounded by {@link #recoverWithin(Duration)}, until the node is
 * Ready again.
 */
public final class KubeletStop implements Fault {

  private final NodeTargets targets;
  private Duration recovery = Duration.ofMinutes(2);

  KubeletStop(NodeTargets targets) {
    this.targets = Objects.requireNonNull(targets, "targets");
  }

  /** How long healing waits for each node to be Ready again (default 2 minutes). */
  public KubeletStop recoverWithin(Duration atMost) {
    this.recovery = Objects.requireNonNull(atMost, "atMost");
    return this;
  }

  @Override
  public String name() {
    return "kubelet-stop";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    List<Node> hit = new ArrayList<>();
    for (String name : targets.select(scope)) {
      Node node = scope.requireCluster(name()).node(name);
      if (node == null) {
        throw new TargetException("Node " + name + " is not a container of kind cluster " + scope.cluster().name());
      }
      node.exec("systemctl", "stop", "kubelet");
      hit.add(node);
      String state = state(node);
      if (!state.equals("inactive")) {
        throw new ShakedownException(node + ": the kubelet is '" + state + "' after systemctl stop, not inactive");
      }
    }
    return Handle.injected(scope, name(), targets.toString(), hit.stream().map(Node::toString).toList(),
        () -> hit.forEach(this::heal));
  }

  private void heal(Node node) {
    node.exec("systemctl", "start", "kubelet");
    node.awaitReady(recovery);
  }

  static String state(Node node) {
    return node.exec("sh", "-c", "systemctl is-active kubelet || true").strip();
  }
}
