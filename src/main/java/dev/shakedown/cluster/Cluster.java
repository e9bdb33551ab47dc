package dev.shakedown.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.shakedown.ShakedownException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where a scenario runs: a fabric8 client bound to one kubeconfig context, plus the kind node containers of
 * the cluster. Built by a {@link ClusterProvider}; closing it closes the client.
 */
public final class Cluster implements AutoCloseable {

  /** Docker label kind puts on every node container of a cluster. */
  public static final String KIND_CLUSTER_LABEL = "io.x-k8s.kind.cluster";
  /** Docker label kind puts on every node container: {@code control-plane} or {@code worker}. */
  public static final String KIND_ROLE_LABEL = "io.x-k8s.kind.role";

  private final KubernetesClient client;
  private final String context;
  private final String name;
  private final Supplier<DockerClient> docker;
  private final NodeLedger ledger = new NodeLedger();

  private Cluster(KubernetesClient client, String context, String name, Supplier<DockerClient> docker) {
    this.client = Objects.requireNonNull(client, "client");
    this.context = Objects.requireNonNull(context, "context");
    this.name = Objects.requireNonNull(name, "name");
    this.docker = Objects.requireNonNull(docker, "docker");
  }

  /**
   * A cluster whose node containers are found through {@code docker}, lazily (a cluster that is never asked
   * for its nodes never touches Docker).
   *
   * @param context the kubeconfig context the client is bound to
   * @param name the kind cluster name (label {@value #KIND_CLUSTER_LABEL}); for a non-kind context, any name
   */
  public static Cluster of(KubernetesClient client, String context, String name, Supplier<DockerClient> docker) {
    return new Cluster(client, context, name, docker);
  }

  /** A cluster using Testcontainers' shared Docker client for its nodes. */
  public static Cluster of(KubernetesClient client, String context, String name) {
    return of(client, context, name, DockerSupport::client);
  }

  public KubernetesClient client() {
    return client;
  }

  /** The kubeconfig context name, e.g. {@code kind-shakedown}. */
  public String context() {
    return context;
  }

  /** The kind cluster name, e.g. {@code shakedown}. */
  public String name() {
    return name;
  }

  /** The kind node containers of this cluster, sorted by name (empty for a cluster that is not kind). */
  public List<Node> nodes() {
    return containers().stream().map(this::nodeOf).sorted(Comparator.comparing(Node::name)).toList();
  }

  /** The worker nodes (kind role {@code worker}), sorted by name. */
  public List<Node> workers() {
    return containers().stream().filter(c -> "worker".equals(c.getLabels().get(KIND_ROLE_LABEL)))
        .map(this::nodeOf).sorted(Comparator.comparing(Node::name)).toList();
  }

  /**
   * The node with that name.
   *
   * @throws ShakedownException naming the node and the nodes that exist
   */
  public Node node(String nodeName) {
    List<Node> all = nodes();
    return all.stream().filter(n -> n.name().equals(nodeName)).findFirst()
        .orElseThrow(() -> new ShakedownException("node/" + nodeName + " is not a node of kind cluster '" + name
            + "' (context " + context + "); nodes: " + all.stream().map(Node::name).collect(Collectors.joining(", "))));
  }

  /** Node changes made through this cluster's {@link Node} handles and not yet undone: name → change. */
  public Map<String, String> pendingNodeChanges() {
    return ledger.pending();
  }

  /** Every node container of this cluster, running or not. */
  List<Container> containers() {
    if (name.isEmpty()) {
      return List.of();
    }
    try {
      return docker.get().listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(KIND_CLUSTER_LABEL, name)).exec();
    } catch (RuntimeException e) {
      throw new ShakedownException("kind cluster '" + name + "': cannot list its node containers through Docker: "
          + e.getMessage(), e);
    }
  }

  Node nodeOf(Container container) {
    return new Node(containerName(container), docker, client, ledger);
  }

  /** A container's name without Docker's leading slash. */
  static String containerName(Container container) {
    return container.getNames()[0].replaceFirst("^/", "");
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "cluster '" + name + "' (context " + context + ")";
  }
}
