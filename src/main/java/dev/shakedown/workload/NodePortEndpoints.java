package dev.shakedown.workload;


import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reaches a NodePort Service from the test JVM: kind's node containers sit on the docker {@code kind}
 * network, routable from the host, so requests go round-robin to {@code http://<InternalIP>:<nodePort>} of
 * the nodes that are currently Ready and not labelled {@code node.kubernetes.io/exclude-from-external-load-balancers}
 * (as a cloud load balancer leaves them out; re-read on {@link #refresh()}). Pods themselves are not routable.
 */
public final class NodePortEndpoints implements Endpoints {

  private final KubernetesClient client;
  private final int nodePort;
  private final AtomicLong counter = new AtomicLong();
  private volatile List<URI> uris;
  private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();

  /** Background re-reads of the node list; daemon threads that end when idle. */
  private static final java.util.concurrent.ExecutorService REFRESHER = java.util.concurrent.Executors.newCachedThreadPool(
      r -> {
        Thread t = new Thread(r, "shakedown-nodeport-refresh");
        t.setDaemon(true);
        return t;
      });

  NodePortEndpoints(KubernetesClient client, int nodePort) {
    this.client = Objects.requireNonNull(client, "client");
    this.nodePort = nodePort;
    refresh();
    if (uris.isEmpty()) {
      throw new ShakedownException("no Ready node with an InternalIP: cannot reach NodePort " + nodePort);
    }
  }

  /** Endpoints of the first port of the NodePort Service {@code namespace/name}. */
  public static NodePortEndpoints of(KubernetesClient client, String namespace, String name) {
    Service service = client.services().inNamespace(namespace).withName(name).get();
    if (service == null || service.getSpec().getPorts().isEmpty() || service.getSpec().getPorts().get(0).getNodePort() == null) {
      throw new ShakedownException("Service " + namespace + "/" + name + ": expected a NodePort Service, "
          + (service == null ? "it does not exist" : "it has no node port"));
    }
    return new NodePortEndpoints(client, service.getSpec().getPorts().get(0).getNodePort());
  }

  /** Endpoints of the Service port {@code port} (the Service's own port number) of the NodePort Service. */
  public static NodePortEndpoints of(KubernetesClient client, String namespace, String name, int port) {
    Service service = client.services().inNamespace(namespace).withName(name).get();
    if (service == null) {
      throw new ShakedownException("Service " + namespace + "/" + name + " does not exist; Services there: "
          + client.services().inNamespace(namespace).list().getItems().stream().map(s -> s.getMetadata().getName())
              .toList());
    }
    var ports = service.getSpec().getPorts();
    var match = ports.stream().filter(p -> p.getPort() != null && p.getPort() == port).findFirst()
        .orElseThrow(() -> new ShakedownException("Service " + namespace + "/" + name + " has no port " + port
            + "; its ports: " + ports.stream().map(p -> p.getPort()).toList()));
    if (match.getNodePort() == null) {
      throw new ShakedownException("Service " + namespace + "/" + name + " port " + port + " has no node port (type "
          + service.getSpec().getType() + "): give the Service type NodePort to reach it from the test JVM");
    }
    return new NodePortEndpoints(client, match.getNodePort());
  }

  public int nodePort() {
    return nodePort;
  }

  /** The current endpoints, one per Ready node. */
  public List<URI> uris() {
    return uris;
  }

  @Override
  public URI next() {
    List<URI> current = uris;
    return current.get((int) Math.floorMod(counter.getAndIncrement(), (long) current.size()));
  }

  /** Re-reads the Ready nodes; keeps the previous list when the API is unreachable or no node is Ready. */
  @Override
  /**
   * Re-reads the Ready nodes. The first read is synchronous; later ones run in the background and the requests go on
   * to the nodes known so far, so an API server that is down (or slow to fail, with the client's retries) never holds
   * up a request to the workload.
   */
  public void refresh() {
    if (uris == null) {
      reload();
    } else if (refreshing.compareAndSet(false, true)) {
      CompletableFuture.runAsync(this::reload, REFRESHER).whenComplete((ok, e) -> refreshing.set(false));
    }
  }

  private void reload() {
    try {
      List<URI> fresh = client.nodes().list().getItems().stream()
          .filter(NodePortEndpoints::isReady)
          .filter(n -> !dev.shakedown.cluster.NodeMarks.isExcludedFromLoadBalancers(n))
          .map(NodePortEndpoints::internalIp)
          .filter(Objects::nonNull)
          .sorted()
          .map(ip -> URI.create("http://" + ip + ":" + nodePort))
          .toList();
      if (!fresh.isEmpty() || uris == null) {
        uris = fresh;
      }
    } catch (RuntimeException e) {
      if (uris == null) {
        throw new ShakedownException("cannot list nodes to find NodePort " + nodePort + " endpoints", e);
      }
    }
  }


  public static boolean isReady(Node node) {
    return node.getStatus() != null && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  public static String internalIp(Node node) {
    if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
      return null;
    }
    return node.getStatus().getAddresses().stream()
        .filter(a -> "InternalIP".equals(a.getType()))
        .map(NodeAddress::getAddress)
        .findFirst().orElse(null);
  }
}
