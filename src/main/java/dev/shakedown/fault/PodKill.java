package dev.shakedown.fault;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import dev.shakedown.internal.Waits;

/**
 * Deletes the chosen pods with grace period 0 (no SIGTERM grace: the closest the API gets to a crash).
 * Healing waits, bounded by {@link #recoverWithin(Duration)}, until each killed pod is gone and its
 * controller again has as many Ready pods as before the kill. A pod without a controller is not replaced.
 */
public final class PodKill implements Fault {

  private final PodTargets targets;
  private Duration recovery = Duration.ofMinutes(2);

  PodKill(PodTargets targets) {
    this.targets = Objects.requireNonNull(targets, "targets");
  }

  /** How long healing waits for replacements to be Ready (default 2 minutes). */
  public PodKill recoverWithin(Duration atMost) {
    this.recovery = Objects.requireNonNull(atMost, "atMost");
    return this;
  }

  @Override
  public String name() {
    return "pod-kill";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    List<Pod> victims = targets.select(scope);
    List<Runnable> recoveries = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Pod pod : victims) {
      String ns = pod.getMetadata().getNamespace();
      String name = pod.getMetadata().getName();
      Optional<OwnerReference> owner = Pods.controller(pod);
      long readyBefore = owner.map(o -> Pods.readyOwnedBy(scope.client(), ns, o.getUid())).orElse(0L);
      scope.client().pods().inNamespace(ns).withName(name).withGracePeriod(0).delete();
      names.add("pod/" + ns + "/" + name);
      owner.ifPresent(o -> recoveries.add(() -> awaitReplaced(scope.client(), pod, o, readyBefore)));
    }
    return Handle.injected(scope, name(), targets.toString(), names,
        () -> recoveries.forEach(Runnable::run));
  }

  private void awaitReplaced(KubernetesClient client, Pod killed, OwnerReference owner, long readyBefore) {
    String ns = killed.getMetadata().getNamespace();
    String name = killed.getMetadata().getName();
    String uid = killed.getMetadata().getUid();
    String what = "Pod " + ns + "/" + name + " replaced by its " + owner.getKind() + " " + owner.getName()
        + " (" + readyBefore + " Ready pods)";
    Waits.until(what, recovery, Waits.POLL, () -> {
      Pod now = client.pods().inNamespace(ns).withName(name).get();
      boolean gone = now == null || !uid.equals(now.getMetadata().getUid());
      return gone ? Pods.readyOwnedBy(client, ns, owner.getUid()) : -1;
    }, ready -> ready >= readyBefore, ready -> ready < 0 ? "the killed pod still exists" : ready + " are Ready");
  }
}
