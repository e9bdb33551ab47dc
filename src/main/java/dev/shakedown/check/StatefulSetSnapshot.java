package dev.shakedown.check;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A plain, cluster-free picture of a StatefulSet and its pods at one moment, judged before / after a
 * fault by {@link Checkers#statefulSetRecovered}. Build it by hand in tests, or from fabric8 objects with
 * {@link StatefulSetSnapshots#from}.
 *
 * @param namespace the namespace
 * @param name the StatefulSet's name
 * @param replicas desired replicas ({@code spec.replicas})
 * @param readyAfter for an "after" snapshot: how long after the fault every replica was Ready, measured
 *     by whoever took it; {@code null} when not measured (e.g. a "before" snapshot)
 * @param pods one entry per pod, ordered by ordinal
 */
public record StatefulSetSnapshot(String namespace, String name, int replicas, Duration readyAfter,
    List<PodState> pods) {

  public StatefulSetSnapshot {
    Objects.requireNonNull(name, "name");
    pods = pods.stream().sorted(Comparator.comparingInt(PodState::ordinal)).toList();
  }

  /** The same snapshot with {@code readyAfter} set. */
  public StatefulSetSnapshot withReadyAfter(Duration readyAfter) {
    return new StatefulSetSnapshot(namespace, name, replicas, readyAfter, pods);
  }

  public Optional<PodState> pod(String podName) {
    return pods.stream().filter(p -> p.name().equals(podName)).findFirst();
  }

  /** {@code namespace/name}, for messages. */
  public String qualifiedName() {
    return namespace == null ? name : namespace + "/" + name;
  }

  /**
   * One pod of the set.
   *
   * @param name pod name, e.g. {@code web-0}
   * @param ordinal its StatefulSet ordinal
   * @param uid pod UID: a new UID means the pod was recreated
   * @param ready whether its Ready condition is True
   * @param restartCount container restarts, summed over its containers
   * @param volumes each PersistentVolumeClaim it mounts, mapped to the PersistentVolume bound to it
   *     (value {@code null} while unbound)
   * @param node the node it runs on, or {@code null} when unscheduled
   */
  public record PodState(String name, int ordinal, String uid, boolean ready, int restartCount,
      Map<String, String> volumes, String node) {

    public PodState {
      Objects.requireNonNull(name, "name");
      volumes = Collections.unmodifiableMap(new TreeMap<>(volumes));
    }

    /** A pod with a single claim {@code pvc} bound to {@code pv}. */
    public static PodState of(String name, int ordinal, String uid, boolean ready, int restartCount, String pvc,
        String pv, String node) {
      Map<String, String> volumes = new TreeMap<>();
      volumes.put(pvc, pv);
      return new PodState(name, ordinal, uid, ready, restartCount, volumes, node);
    }
  }
}
