package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import dev.shakedown.cluster.NodeMarks;
import dev.shakedown.cluster.ShakedownLabels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.shakedown.internal.Waits;

/**
 * Drains the chosen nodes as {@code kubectl drain} does: cordon (and annotate
 * {@code shakedown.dev/cordoned=true} and the run id), then evict every pod on the node except DaemonSet and
 * mirror pods through the Eviction API, which honours PodDisruptionBudgets, retrying refused evictions until every
 * pod is gone or {@link #timeout(Duration)} passes. When a budget still blocks at the timeout the node is
 * uncordoned and a {@link ShakedownException} names the blocked pods. Healing uncordons the nodes this
 * fault cordoned (those carrying the annotation) and removes the annotation. Like {@code kubectl drain},
 * it refuses to lose pods no controller manages unless {@link #force()}; {@link #scenarioNamespaceOnly()}
 * spares other namespaces' pods on a shared cluster.
 */
public final class NodeDrain implements Fault {

  public static final String ANNOTATION = ShakedownLabels.CORDONED;
  /** Timeline kind (source {@code drain}) of a pod's first refused eviction in a drain. */
  public static final String EVICTION_REFUSED = "eviction-refused";

  private final NodeTargets targets;
  private Duration timeout = Duration.ofMinutes(1);
  private boolean force;
  private boolean scenarioNamespaceOnly;

  NodeDrain(NodeTargets targets) {
    this.targets = Objects.requireNonNull(targets, "targets");
  }

  /** How long evictions may be refused before the drain gives up (default 1 minute). */
  public NodeDrain timeout(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** Also evict pods no controller manages (they are gone for good), like {@code kubectl drain --force}. */
  public NodeDrain force() {
    this.force = true;
    return this;
  }

  /**
   * Evict only the scenario namespace's pods (the node is still cordoned): for clusters shared with other
   * runs, whose pods a full drain would disturb.
   */
  public NodeDrain scenarioNamespaceOnly() {
    this.scenarioNamespaceOnly = true;
    return this;
  }

  @Override
  public String name() {
    return "node-drain";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    List<String> nodes = targets.select(scope);
    Handle.chosen(scope, name(), targets.toString(), nodes);
    String only = scenarioNamespaceOnly ? scope.namespace() : null;
    if (!force) {
      List<String> unmanaged = nodes.stream().flatMap(n -> evictable(scope.client(), n, only).stream())
          .filter(p -> Pods.controller(p).isEmpty()).map(NodeDrain::key).toList();
      if (!unmanaged.isEmpty()) {
        throw new ShakedownException("Nodes " + nodes + ": cannot drain, pods " + unmanaged
            + " have no controller and would be lost; use force() or scenarioNamespaceOnly()");
      }
    }
    String run = NodeMarks.runOf(scope.client(), scope.namespace());
    List<String> cordoned = new ArrayList<>();
    try {
      for (String node : nodes) {
        NodeMarks.cordon(scope.client(), node, run);
        cordoned.add(node);
      }
      try (KubernetesClient once = withoutRetries(scope.client())) {
        for (String node : nodes) {
          drain(once, node, only, scope.timeline());
        }
      }
    } catch (RuntimeException e) {
      cordoned.forEach(node -> NodeMarks.uncordon(scope.client(), node));
      throw e;
    }
    return Handle.injected(scope, name(), targets + " cordoned and evicted",
        nodes.stream().map(n -> "node/" + n).toList(),
        () -> nodes.forEach(node -> NodeMarks.uncordon(scope.client(), node)));
  }

  private void drain(KubernetesClient client, String node, String only, dev.shakedown.history.Timeline timeline) {
    Map<String, String> refused = new LinkedHashMap<>();
    Waits.until("Node " + node + " drained (every evictable pod evicted and gone)", timeout, Duration.ofSeconds(1),
        () -> {
          List<String> remaining = evictable(client, node, only).stream().map(pod -> {
            if (pod.getMetadata().getDeletionTimestamp() == null && !evict(client, pod)
                && refused.put(key(pod), "eviction refused (429: a PodDisruptionBudget allows no more disruptions)")
                == null) {
              timeline.mark("drain", EVICTION_REFUSED).subject("pod/" + key(pod))
                  .detail("node " + node + ": 429, a PodDisruptionBudget allows no more disruptions").record();
            }
            return key(pod);
          }).toList();
          refused.keySet().retainAll(remaining);
          return remaining;
        }, List::isEmpty, left -> {
          Map<String, String> blocked = new LinkedHashMap<>();
          left.forEach(p -> blocked.put(p, refused.getOrDefault(p, "evicted but still terminating")));
          return left.size() + " pod(s) remain: " + blocked + "; the node was uncordoned";
        });
  }

  /**
   * A client that reports a refused eviction (429) at once: the shared client retries 429s with backoff
   * inside {@code evict()}, which would hide the refusal from the drain loop and outlast its timeout.
   */
  private static KubernetesClient withoutRetries(KubernetesClient client) {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build())
        .build();
  }

  /** {@code true} when the eviction was accepted or the pod is already gone; {@code false} on 429. */
  private static boolean evict(KubernetesClient client, Pod pod) {
    try {
      return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).evict();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return true;
      }
      throw new ShakedownException("Pod " + key(pod) + ": eviction failed with HTTP " + e.getCode() + ": "
          + e.getMessage(), e);
    }
  }

  /** Pods on the node that a drain must remove: not DaemonSet-managed, not mirror pods; of one namespace if given. */
  static List<Pod> evictable(KubernetesClient client, String node, String namespace) {
    var pods = namespace == null ? client.pods().inAnyNamespace() : client.pods().inNamespace(namespace);
    return pods.list().getItems().stream()
        .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName()))
        .filter(NodeDrain::evicts)
        .toList();
  }

  /** Whether a drain evicts {@code pod}: every pod but DaemonSet-controlled and mirror (static) pods. */
  public static boolean evicts(Pod pod) {
    return !Pods.isDaemonSetPod(pod) && !Pods.isMirrorPod(pod);
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
