package dev.shakedown.cluster;

import com.github.dockerjava.api.model.Container;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Removes what a killed earlier run left behind, once per run before the first test: the leases and managed
 * namespaces of runs that are no longer alive (a namespace without a run lease or a judgeable owner only after
 * {@link #UNKNOWN_OWNER_AGE}); and, when no other run is alive on the cluster, nodes still
 * cordoned by a fault, kind node containers left stopped or paused (started, unpaused, awaited Ready), and what a
 * fault left inside them ({@link NodeResidue}: iptables chains, a stopped kubelet, a held control-plane manifest).
 */
public final class Sweeper {

  /** How old a managed namespace whose owner cannot be judged must be before it is swept. */
  static final Duration UNKNOWN_OWNER_AGE = Duration.ofMinutes(30);

  private final Cluster cluster;
  private final RunIdentity self;
  private final Duration nodeReadyTimeout;

  private final java.util.function.Function<Node, List<String>> residue;

  public Sweeper(Cluster cluster, RunIdentity self, Duration nodeReadyTimeout) {
    this(cluster, self, nodeReadyTimeout, NodeResidue::restore);
  }

  /** With {@code residue} restoring what faults leave inside one node container (tests fake it). */
  Sweeper(Cluster cluster, RunIdentity self, Duration nodeReadyTimeout,
      java.util.function.Function<Node, List<String>> residue) {
    this.cluster = cluster;
    this.self = self;
    this.nodeReadyTimeout = nodeReadyTimeout;
    this.residue = residue;
  }

  /**
   * Sweeps and returns what it did, one line per action.
   *
   * @throws dev.shakedown.ShakedownException when it cannot do its work (the API server or Docker does not answer),
   *     with the real cause: a run must not start on a cluster an earlier run may have left with nodes down
   */
  public List<String> sweep() {
    KubernetesClient client = cluster.client();
    List<String> actions = new ArrayList<>();
    Map<String, Boolean> runAlive = new HashMap<>();
    for (Lease lease : RunLease.all(client)) {
      String run = lease.getMetadata().getLabels().get(ShakedownLabels.RUN);
      boolean alive = self.runId().equals(run) || RunLease.alive(lease, self);
      runAlive.put(run, alive);
      if (!alive) {
        client.leases().inNamespace(RunLease.NAMESPACE).withName(lease.getMetadata().getName()).delete();
        actions.add("deleted lease of dead run " + run);
      }
    }
    for (Namespace ns : client.namespaces().withLabel(ShakedownLabels.MANAGED, "true").list().getItems()) {
      String run = ns.getMetadata().getLabels().get(ShakedownLabels.RUN);
      if (ns.getMetadata().getDeletionTimestamp() == null && !self.runId().equals(run) && !alive(ns, run, runAlive)) {
        client.namespaces().withName(ns.getMetadata().getName()).delete();
        actions.add("deleted namespace/" + ns.getMetadata().getName() + " of run " + run);
      }
    }
    Set<String> live = runAlive.entrySet().stream().filter(e -> e.getValue() && !self.runId().equals(e.getKey()))
        .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    if (!live.isEmpty()) {
      actions.add("left nodes alone: other live runs " + live);
      return actions;
    }
    actions.addAll(restoreContainers());
    for (Node node : cluster.nodes()) {
      actions.addAll(residue.apply(node));
    }
    actions.addAll(uncordon(client));
    actions.addAll(ServiceResidue.restoreAll(client));
    return actions;
  }

  /**
   * A namespace's run is alive per its lease; without a lease, per the owner annotation when the owner ran on this
   * host; failing both, it counts as alive until it is older than {@link #UNKNOWN_OWNER_AGE}.
   */
  private boolean alive(Namespace ns, String run, Map<String, Boolean> runAlive) {
    if (run != null && runAlive.containsKey(run)) {
      return runAlive.get(run);
    }
    Map<String, String> annotations = ns.getMetadata().getAnnotations();
    String owner = annotations == null ? null : annotations.get(ShakedownLabels.OWNER);
    return self.ownerAlive(owner).orElseGet(() -> {
      String created = ns.getMetadata().getCreationTimestamp();
      return created == null || Instant.parse(created).plus(UNKNOWN_OWNER_AGE).isAfter(Instant.now());
    });
  }

  private List<String> restoreContainers() {
    List<String> actions = new ArrayList<>();
    List<Container> containers = cluster.containers();
    List<Node> restored = new ArrayList<>();
    for (Container container : containers) {
      Node node = cluster.nodeOf(container);
      String state = String.valueOf(container.getState());
      if ("paused".equals(state)) {
        node.unpause();
      } else if (!"running".equals(state)) {
        node.start();
      } else {
        continue;
      }
      restored.add(node);
      actions.add((state.equals("paused") ? "unpaused " : "started ") + node + " (was " + state + ")");
    }
    restored.forEach(n -> n.awaitReady(nodeReadyTimeout));
    return actions;
  }

  private static List<String> uncordon(KubernetesClient client) {
    List<String> actions = new ArrayList<>();
    for (io.fabric8.kubernetes.api.model.Node node : client.nodes().list().getItems()) {
      var annotations = node.getMetadata().getAnnotations();
      if (annotations != null && "true".equals(annotations.get(ShakedownLabels.CORDONED))) {
        uncordon(client, node.getMetadata().getName());
        actions.add("uncordoned node/" + node.getMetadata().getName());
      }
      if (annotations != null && "true".equals(annotations.get(ShakedownLabels.EXCLUDED))) {
        NodeMarks.includeInLoadBalancers(client, node.getMetadata().getName());
        actions.add("put node/" + node.getMetadata().getName() + " back into load balancers");
      }
    }
    return actions;
  }

  /** Makes a node schedulable again and drops the harness's cordon annotations. */
  static void uncordon(KubernetesClient client, String nodeName) {
    NodeMarks.uncordon(client, nodeName);
  }
}
