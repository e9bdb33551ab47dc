package dev.shakedown.fault;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.function.Function;

/**
 * A seeded choice among pods: which pods are candidates (by selector, workload or name) and how many to
 * take ({@link #one()} by default). Terminating pods are never candidates. Made by {@link Targets}.
 */
public final class PodTargets {

  private final String description;
  private final Function<FaultScope, List<Pod>> candidates;
  private final Pick pick;

  PodTargets(String description, Function<FaultScope, List<Pod>> candidates, Pick pick) {
    this.description = description;
    this.candidates = candidates;
    this.pick = pick;
  }

  public PodTargets one() { return with(Pick.count(1)); }

  public PodTargets count(int n) { return with(Pick.count(n)); }

  /** {@code ceil(p% of the candidates)}; {@code p} within 0..100. */
  public PodTargets percent(int p) { return with(Pick.percent(p)); }

  public PodTargets all() { return with(Pick.all()); }

  public PodTargets minority() { return with(Pick.minority()); }

  public PodTargets majority() { return with(Pick.majority()); }

  private PodTargets with(Pick other) {
    return new PodTargets(description, candidates, other);
  }

  /**
   * Chooses the pods now, from the scope's namespace and random source.
   *
   * @throws TargetException when nothing matches or fewer pods match than asked for
   */
  public List<Pod> select(FaultScope scope) {
    List<Pod> live = candidates.apply(scope).stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
    String what = "pods " + description + " in namespace " + scope.namespace();
    if (live.isEmpty()) {
      throw new TargetException("no running pod " + description + " in namespace " + scope.namespace());
    }
    return pick.choose(live, p -> p.getMetadata().getName(), scope.random(), what);
  }

  @Override
  public String toString() {
    return pick + " of pods " + description;
  }
}
