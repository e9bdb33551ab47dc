package dev.shakedown.maintenance;

import java.time.Duration;
import java.util.List;

/**
 * What the maintenance of one node did, as {@link RollingMaintenance} recorded it.
 *
 * @param node the node
 * @param plan the capacity check of this node, read just before its drain
 * @param drain cordon → every evictable pod evicted and gone
 * @param restart the node container (or kubelet) restarted → the node Ready
 * @param settle uncordon → every pod of the scenario namespace scheduled and Ready again
 * @param evicted the pods on the node when its drain began that a drain evicts (not DaemonSet or mirror pods)
 * @param pending pods of the scenario namespace without a node right after the work on this node, while it was still
 *     cordoned, with the scheduler's last reason ({@code namespace/name: reason})
 * @param refusals evictions a PodDisruptionBudget refused during the drain (first refusal per pod)
 * @param failure why this node's maintenance stopped, or {@code null}
 */
public record NodeMaintenance(String node, NodePlan plan, Duration drain, Duration restart, Duration settle,
    List<String> evicted, List<String> pending, int refusals, String failure) {

  public NodeMaintenance {
    evicted = List.copyOf(evicted);
    pending = List.copyOf(pending);
  }

  /** One line: {@code worker2: drain 8.1 s (5 evicted, 1 refused), restart 31.0 s, settle 4.2 s, 1 pending [...]}. */
  public String summary() {
    return node + ": drain " + s(drain) + " (" + evicted.size() + " evicted, " + refusals + " refused by a budget)"
        + ", restart " + s(restart) + ", settle " + s(settle) + ", " + pending.size() + " pending"
        + (pending.isEmpty() ? "" : " " + pending) + (failure == null ? "" : "; FAILED: " + failure);
  }

  private static String s(Duration d) {
    return d == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
