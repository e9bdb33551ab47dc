package dev.shakedown.etcd;

import dev.shakedown.internal.Waits;
import dev.shakedown.ShakedownException;
import dev.shakedown.etcd.Etcd;
import dev.shakedown.etcd.EtcdManifests;
import dev.shakedown.etcd.EtcdMember;
import dev.shakedown.etcd.EtcdCatchUp;
import dev.shakedown.etcd.EtcdMembers;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runbook for an etcd member whose data cannot be trusted (lost or corrupted), as one reusable step:
 * <ol>
 *   <li>{@code member remove} of its id, asked of the other members only (the replaced one may answer stale);</li>
 *   <li>mark it to start as {@code --initial-cluster-state=existing} ({@link Etcd#joinAsExisting});</li>
 *   <li>{@code member add} with the same peer URL (a new id);</li>
 *   <li>delete its claim and its pod: the StatefulSet recreates both, the pod on an empty volume;</li>
 *   <li>wait until the new pod is Ready, then until the member's applied raft index and revision have caught up
 *       with what the leader had when the pod became Ready ({@link EtcdMembers#awaitCaughtUp}).</li>
 * </ol>
 * Each membership change is retried (idempotently) within {@link #stepsWithin}; every wait is bounded.
 */
public final class EtcdMemberReplacement {

  private static final Logger LOG = LoggerFactory.getLogger(EtcdMemberReplacement.class);

  private final Etcd etcd;
  private Duration stepsWithin = Duration.ofSeconds(60);
  private Duration podReadyWithin = Duration.ofMinutes(3);
  private Duration resyncWithin = Duration.ofMinutes(2);

  private EtcdMemberReplacement(Etcd etcd) {
    this.etcd = Objects.requireNonNull(etcd, "etcd");
  }

  public static EtcdMemberReplacement of(Etcd etcd) {
    return new EtcdMemberReplacement(etcd);
  }

  /** Bound of each membership change, retried meanwhile (default 60 s). */
  public EtcdMemberReplacement stepsWithin(Duration bound) { stepsWithin = Objects.requireNonNull(bound); return this; }

  /** Bound for the recreated pod to be Ready (default 3 min). */
  public EtcdMemberReplacement podReadyWithin(Duration bound) { podReadyWithin = Objects.requireNonNull(bound); return this; }

  /** Bound for the new member to catch up with the leader (default 2 min). */
  public EtcdMemberReplacement resyncWithin(Duration bound) { resyncWithin = Objects.requireNonNull(bound); return this; }

  /**
   * Replaces {@code member} (a pod name such as {@code etcd-1}) and returns what happened when.
   *
   * @throws ShakedownException naming the member, the step, what was expected and the bound that elapsed
   */
  public EtcdReplacement replace(String member) {
    KubernetesClient client = etcd.client();
    String ns = etcd.namespace();
    long start = System.nanoTime();
    try (EtcdMembers members = etcd.membersExcept(member)) {
      Optional<EtcdMember> old = members.member(member);
      LOG.info("etcd member replacement of {}/{}: removing {}", ns, member, old.map(Object::toString).orElse("(absent)"));
      step("member remove of " + member, () -> {
        Optional<EtcdMember> present = members.member(member);
        present.ifPresent(m -> members.remove(m.id()));
        return present.isEmpty() ? Optional.of(true) : Optional.empty(); // done once the list no longer shows it
      });
      LOG.info("etcd member replacement of {}/{}: removed after {} ms", ns, member, millisSince(start));
      etcd.joinAsExisting(member);
      EtcdMember added = step("member add of " + member + " at " + etcd.peerUrl(member), () -> {
        // a member list from a lagging member may still show the removed id: only a new id counts as added
        Optional<EtcdMember> present = members.member(member).filter(m -> old.isEmpty() || m.id() != old.get().id());
        return Optional.of(present.orElseGet(() -> members.add(etcd.peerUrl(member))));
      });
      long membershipDone = System.nanoTime();
      LOG.info("etcd member replacement of {}/{}: added as {} after {} ms; deleting its claim and pod", ns, member,
          added, millisSince(start));

      Pod pod = client.pods().inNamespace(ns).withName(member).get();
      String claimName = EtcdManifests.claimName(member);
      PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(ns).withName(claimName).get();
      client.persistentVolumeClaims().inNamespace(ns).withName(claimName).delete();
      client.pods().inNamespace(ns).withName(member).withGracePeriod(0).delete();
      String oldPod = pod == null ? "" : pod.getMetadata().getUid();
      String oldClaim = claim == null ? "" : claim.getMetadata().getUid();
      await("Pod " + ns + "/" + member + " recreated on a new claim " + claimName + " and Ready", podReadyWithin, () -> {
        Pod now = client.pods().inNamespace(ns).withName(member).get();
        PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns).withName(claimName).get();
        return now != null && !oldPod.equals(now.getMetadata().getUid()) && isReady(now)
            && pvc != null && !oldClaim.equals(pvc.getMetadata().getUid());
      });
      long podReady = System.nanoTime();
      LOG.info("etcd member replacement of {}/{}: new pod Ready after {} ms", ns, member, millisSince(start));

      EtcdCatchUp caughtUp = members.awaitCaughtUp(member, added.id(), resyncWithin);
      EtcdReplacement result = new EtcdReplacement(member, old.map(EtcdMember::hexId).orElse(""),
          added.hexId(), Duration.ofNanos(membershipDone - start), Duration.ofNanos(podReady - membershipDone),
          caughtUp.took(), caughtUp.leader(), caughtUp.member());
      LOG.info("etcd member replacement of {}/{} done: {}", ns, member, result);
      return result;
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /** Retries {@code attempt} until it returns a value, and returns it; an exception counts as not yet. */
  private <T> T step(String what, java.util.concurrent.Callable<Optional<T>> attempt) {
    return until("etcd " + etcd.namespace() + "/" + etcd.name() + ": " + what, stepsWithin, attempt);
  }

  private static void await(String what, Duration atMost, java.util.concurrent.Callable<Boolean> condition) {
    until(what, atMost, () -> Boolean.TRUE.equals(condition.call()) ? Optional.of(true) : Optional.empty());
  }

  private static <T> T until(String what, Duration atMost, java.util.concurrent.Callable<Optional<T>> attempt) {
    return Waits.until("etcd member replacement: " + what, atMost, Waits.POLL, () -> {
      try {
        return attempt.call().map(v -> new Attempt<T>(v, "done")).orElse(new Attempt<>(null, "not yet"));
      } catch (Exception e) {
        return new Attempt<T>(null, "error: " + e.getMessage());
      }
    }, a -> a.value() != null, Attempt::state).value();
  }

  /** One try of a step: its value once done, else what was seen. */
  private record Attempt<T>(T value, String state) {}

  static boolean isReady(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
        && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
