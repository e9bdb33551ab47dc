package dev.shakedown.fault;

import dev.shakedown.cluster.Node;
import dev.shakedown.cluster.NodeResidue;
import dev.shakedown.internal.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Takes a control-plane component down: its static-pod manifest is moved out of the kubelet's directory on the
 * control-plane node (into {@link NodeResidue#HELD_MANIFESTS}), so the kubelet stops it and does not restart it.
 * Injection returns once the component's port on the node refuses connections; healing moves the manifest back and
 * waits until the port answers and the API server serves requests again. The timeline gets {@code control-plane
 * down} and {@code up} marks, the latter with the measured window. Workloads keep running meanwhile; only what needs
 * the component stops. A run killed mid-fault leaves the manifest held: {@code kind-config/cluster up} puts it back.
 */
public final class ControlPlaneOutage implements Fault {

  /** A control-plane static pod, with the port it listens on inside the node. */
  public enum Component {
    API_SERVER("kube-apiserver", 6443),
    ETCD("etcd", 2379),
    SCHEDULER("kube-scheduler", 10259),
    CONTROLLER_MANAGER("kube-controller-manager", 10257);

    final String pod;
    final int port;

    Component(String pod, int port) {
      this.pod = pod;
      this.port = port;
    }
  }

  private final Component component;
  private Duration within = Duration.ofMinutes(2);

  ControlPlaneOutage(Component component) {
    this.component = Objects.requireNonNull(component, "component");
  }

  /** Bound on the component going down at injection and on it serving again at the heal (default 2 minutes each). */
  public ControlPlaneOutage recoverWithin(Duration atMost) {
    this.within = Objects.requireNonNull(atMost, "atMost");
    return this;
  }

  @Override
  public String name() {
    return component.pod.toLowerCase(Locale.ROOT) + "-outage";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    String nodeName = scope.client().nodes().withLabel(Targets.CONTROL_PLANE_LABEL).list().getItems().stream()
        .map(n -> n.getMetadata().getName()).sorted().findFirst()
        .orElseThrow(() -> new TargetException(name() + ": no node has the label " + Targets.CONTROL_PLANE_LABEL));
    Node node = scope.requireCluster(name()).node(nodeName);
    if (node == null) {
      throw new TargetException(name() + " refused: node " + nodeName + " is not a container of kind cluster "
          + scope.cluster().name() + ", so its static-pod manifests cannot be reached");
    }
    String manifest = component.pod + ".yaml";
    node.exec("sh", "-c", "mkdir -p " + NodeResidue.HELD_MANIFESTS + " && mv " + NodeResidue.MANIFESTS + "/" + manifest
        + " " + NodeResidue.HELD_MANIFESTS + "/");
    Waits.untilTrue(component.pod + " on " + node + " refusing connections on port " + component.port
        + " after its manifest was moved out", within, Waits.POLL, () -> !listening(node));
    Instant down = Instant.now();
    scope.timeline().mark("control-plane", "down").subject(component.pod).detail(node + ": port " + component.port
        + " refuses connections").record();
    return Handle.injected(scope, name(), "manifest held out of " + NodeResidue.MANIFESTS, List.of(node + "/"
        + component.pod), () -> heal(scope, node, manifest, down));
  }

  private void heal(FaultScope scope, Node node, String manifest, Instant down) {
    node.exec("sh", "-c", "[ -e " + NodeResidue.HELD_MANIFESTS + "/" + manifest + " ] && mv " + NodeResidue.HELD_MANIFESTS
        + "/" + manifest + " " + NodeResidue.MANIFESTS + "/ || true");
    Waits.untilTrue(component.pod + " on " + node + " listening on port " + component.port + " again", within,
        Waits.POLL, () -> listening(node));
    Waits.until("the API server serving requests again after " + name(), within, Waits.POLL, () -> {
      try {
        return scope.client().getKubernetesVersion() != null;
      } catch (RuntimeException e) {
        return false;
      }
    }, Boolean.TRUE::equals);
    long ms = Duration.between(down, Instant.now()).toMillis();
    scope.timeline().mark("control-plane", "up").subject(component.pod).detail("down for " + ms + " ms").record();
  }

  private boolean listening(Node node) {
    return node.exec("sh", "-c", "timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + component.port
        + "' 2>/dev/null && echo yes || echo no").strip().equals("yes");
  }
}
