package dev.shakedown.cluster;

import com.github.dockerjava.api.model.Container;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds cluster-wide changes a test left behind: nodes it cordoned that are still cordoned, kind node
 * containers it stopped or paused that are not running again. Taken before the test ({@link #before}) and
 * compared after it, so state that predates the test or belongs to another live run is not blamed on it.
 */
public final class ResidueCheck {

  private final Cluster cluster;
  private final RunIdentity self;
  private final Set<String> cordonedBefore;
  private final Set<String> downBefore;

  private ResidueCheck(Cluster cluster, RunIdentity self, Set<String> cordonedBefore, Set<String> downBefore) {
    this.cluster = cluster;
    this.self = self;
    this.cordonedBefore = cordonedBefore;
    this.downBefore = downBefore;
  }

  /** Records the state before the test. */
  public static ResidueCheck before(Cluster cluster, RunIdentity self) {
    return new ResidueCheck(cluster, self, cordoned(cluster, self), down(cluster).keySet());
  }

  /** What the test left changed, one line per item (empty when everything was restored). */
  public List<String> residue() {
    List<String> residue = new ArrayList<>();
    cordoned(cluster, self).stream().filter(n -> !cordonedBefore.contains(n)).sorted()
        .forEach(n -> residue.add("node/" + n + " is still cordoned by the harness (annotation " + ShakedownLabels.CORDONED + ")"));
    Map<String, String> pending = cluster.pendingNodeChanges();
    Map<String, String> down = down(cluster);
    boolean alone = down.isEmpty() || RunLease.otherLiveRuns(cluster.client(), self).isEmpty();
    down.forEach((name, state) -> {
      if (pending.containsKey(name) || (!downBefore.contains(name) && alone)) {
        residue.add("node/" + name + " container is " + state + ", expected running"
            + (pending.containsKey(name) ? " (" + pending.get(name) + " by this run)" : ""));
      }
    });
    return residue;
  }

  /** Restores what {@link #residue()} reports; returns the problems it could not fix. */
  public List<String> repair(Duration nodeReadyTimeout) {
    List<String> failures = new ArrayList<>();
    cordoned(cluster, self).stream().filter(n -> !cordonedBefore.contains(n)).forEach(n -> {
      try {
        Sweeper.uncordon(cluster.client(), n);
      } catch (RuntimeException e) {
        failures.add("could not uncordon node/" + n + ": " + e.getMessage());
      }
    });
    List<Node> restarted = new ArrayList<>();
    for (Container container : containers(cluster)) {
      Node node = cluster.nodeOf(container);
      if (downBefore.contains(node.name()) && !cluster.pendingNodeChanges().containsKey(node.name())) {
        continue;
      }
      try {
        if ("paused".equals(container.getState())) {
          node.unpause();
          restarted.add(node);
        } else if (!"running".equals(container.getState())) {
          node.start();
          restarted.add(node);
        }
      } catch (RuntimeException e) {
        failures.add("could not restore " + node + ": " + e.getMessage());
      }
    }
    for (Node node : restarted) {
      try {
        node.awaitReady(nodeReadyTimeout);
      } catch (RuntimeException e) {
        failures.add(e.getMessage());
      }
    }
    return failures;
  }

  private static Set<String> cordoned(Cluster cluster, RunIdentity self) {
    return cluster.client().nodes().list().getItems().stream()
        .filter(n -> n.getMetadata().getAnnotations() != null
            && "true".equals(n.getMetadata().getAnnotations().get(ShakedownLabels.CORDONED))
            && self.runId().equals(n.getMetadata().getAnnotations().getOrDefault(ShakedownLabels.RUN, self.runId())))
        .map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
  }

  /** Node containers not running, or paused: name → Docker state. */
  private static Map<String, String> down(Cluster cluster) {
    return containers(cluster).stream().filter(c -> !"running".equals(c.getState()))
        .collect(Collectors.toMap(Cluster::containerName, c -> String.valueOf(c.getState())));
  }

  private static List<Container> containers(Cluster cluster) {
    try {
      return cluster.containers();
    } catch (RuntimeException e) {
      return List.of();
    }
  }
}
