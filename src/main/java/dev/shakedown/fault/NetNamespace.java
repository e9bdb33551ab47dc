package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import dev.shakedown.cluster.Node;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * A network namespace a network fault acts in: a pod's, entered from its kind node with {@code nsenter -t <pid> -n}
 * (the PID of the pod's container, from the node's containerd), or a node container's own (which hostNetwork pods
 * and the kubelet share). Commands run with the node's binaries (iptables, tc) against that namespace.
 *
 * @param label {@code pod/<ns>/<name>} or {@code node/<name>}
 * @param ip the address peers reach it by: the pod IP, or the node's InternalIP
 */
record NetNamespace(String label, String ip, Node node, String pid, String netns) {

  /**
   * The network namespace of a Running pod.
   *
   * @throws TargetException when the pod is not Running, has no IP yet, or uses the host network
   */
  static NetNamespace ofPod(FaultScope scope, String fault, Pod pod) {
    String label = "pod/" + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if (!"Running".equals(phase)) {
      throw new TargetException(label + " is " + phase + ", not Running: " + fault + " needs its network namespace");
    }
    if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
      throw new TargetException(label + " uses the host network: target its node (Targets.node(\""
          + pod.getSpec().getNodeName() + "\")) instead");
    }
    String ip = NetworkCommands.requireIp(pod.getStatus().getPodIP(), label + " pod IP");
    Node node = node(scope, fault, pod.getSpec().getNodeName());
    String container = Pods.mainContainer(pod, null);
    ContainerStatus status = Pods.containerStatus(pod, container).orElseThrow(
        () -> new TargetException(label + ": no status for container " + container));
    String id = ContainerCrash.containerdId(status, label + "/" + container);
    String pid = NetworkCommands.pidOf(node.exec("ctr", "-n", "k8s.io", "task", "ls"), id, label);
    return new NetNamespace(label, ip, node, pid, netnsOf(node, pid));
  }

  /** The network namespace of a kind node container. */
  static NetNamespace ofNode(FaultScope scope, String fault, String nodeName) {
    io.fabric8.kubernetes.api.model.Node api = scope.client().nodes().withName(nodeName).get();
    if (api == null) {
      throw new TargetException("Node " + nodeName + " not found");
    }
    String ip = api.getStatus() == null ? null : api.getStatus().getAddresses().stream()
        .filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress).findFirst().orElse(null);
    Node node = node(scope, fault, nodeName);
    return new NetNamespace("node/" + nodeName, NetworkCommands.requireIp(ip, "node/" + nodeName + " InternalIP"),
        node, null, null);
  }

  private static Node node(FaultScope scope, String fault, String nodeName) {
    Node node = scope.requireCluster(fault).node(nodeName);
    if (node == null) {
      throw new TargetException("Node " + nodeName + " is not a container of kind cluster "
          + scope.cluster().name() + ": " + fault + " enters network namespaces from the kind node containers");
    }
    return node;
  }

  private static String netnsOf(Node node, String pid) {
    return node.exec("readlink", "/proc/" + pid + "/ns/net").strip();
  }

  /** Runs a {@code sh -c} script in this namespace and returns its stdout. */
  String run(String script) {
    if (pid == null) {
      return node.exec("sh", "-c", script);
    }
    return node.exec("nsenter", "-t", pid, "-n", "sh", "-c", script);
  }

  /** True when the pod's namespace no longer exists (the pod died): whatever was set in it went with it. */
  boolean gone() {
    if (pid == null) {
      return false;
    }
    try {
      return !netns.equals(netnsOf(node, pid));
    } catch (ShakedownException e) {
      return true;
    }
  }

  @Override
  public String toString() {
    return label + " (" + ip + ")";
  }
}
