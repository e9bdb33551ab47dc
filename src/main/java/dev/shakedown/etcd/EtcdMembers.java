package dev.shakedown.etcd;

import dev.shakedown.internal.Waits;
import dev.shakedown.ShakedownException;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.maintenance.StatusResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An etcd cluster's membership and raft state seen from the test JVM through jetcd: the member list, each
 * member's status (asked at that member's own endpoint), who leads, and {@code member add / remove}. Every call is
 * bounded by the deadline given at construction. Close it when done.
 */
public final class EtcdMembers implements AutoCloseable {

  private final Map<String, URI> endpoints;
  private final Duration deadline;
  private final Client client;
  private final List<URI> asked;

  /**
   * @param endpoints member name → that member's client endpoint (e.g. its NodePort), in member order
   * @param deadline the bound of each call
   */
  public EtcdMembers(Map<String, URI> endpoints, Duration deadline) {
    this(endpoints, deadline, endpoints.keySet());
  }

  /**
   * @param via the members whose endpoints serve cluster-wide calls (member list, add, remove): leave out a member
   *     being replaced, whose stale local view would otherwise be one of the answers
   */
  public EtcdMembers(Map<String, URI> endpoints, Duration deadline, Collection<String> via) {
    this.endpoints = new LinkedHashMap<>(endpoints);
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    this.asked = via.stream().map(endpoints::get).filter(Objects::nonNull).toList();
    if (asked.isEmpty()) {
      throw new IllegalArgumentException("no endpoint among " + via + " to ask; endpoints are " + endpoints.keySet());
    }
    this.client = EtcdClients.build(asked, deadline);
  }

  /** Member name → client endpoint, as given. */
  public Map<String, URI> endpoints() {
    return Map.copyOf(endpoints);
  }

  /**
   * The member list, as any reachable member asked for cluster-wide calls reports it (its local view).
   *
   * @throws ShakedownException naming the endpoints and the error when no member answers within the deadline
   */
  public List<EtcdMember> list() {
    return call("member list", client.getClusterClient().listMember()).getMembers().stream()
        .map(m -> new EtcdMember(m.getId(), m.getName(), m.getPeerURIs(), m.isLearner()))
        .sorted(Comparator.comparing(EtcdMember::podName))
        .toList();
  }

  /** The member whose pod is {@code podName}, if it is in the member list. */
  public Optional<EtcdMember> member(String podName) {
    return list().stream().filter(m -> m.podName().equals(podName)).findFirst();
  }

  /** What {@code member} says about itself at its own endpoint; empty when it does not answer in time. */
  public Optional<EtcdMemberStatus> status(String member) {
    return await(member, statusFuture(member));
  }

  /** The statuses of the members that answer, by member name (asked concurrently, each bounded). */
  public Map<String, EtcdMemberStatus> statuses() {
    Map<String, CompletableFuture<StatusResponse>> pending = new LinkedHashMap<>();
    endpoints.keySet().forEach(m -> pending.put(m, statusFuture(m)));
    Map<String, EtcdMemberStatus> all = new LinkedHashMap<>();
    pending.forEach((m, future) -> await(m, future).ifPresent(s -> all.put(m, s)));
    return all;
  }

  private CompletableFuture<StatusResponse> statusFuture(String member) {
    URI uri = endpoints.get(member);
    if (uri == null) {
      throw new IllegalArgumentException("etcd member " + member + " is not one of " + endpoints.keySet());
    }
    try {
      return client.getMaintenanceClient().statusMember(uri.getHost() + ":" + uri.getPort());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Optional<EtcdMemberStatus> await(String member, CompletableFuture<StatusResponse> future) {
    try {
      StatusResponse s = call("status of " + member, future);
      return Optional.of(new EtcdMemberStatus(member, s.getHeader().getMemberId(), s.getLeader(), s.getRaftTerm(),
          s.getRaftIndex(), s.getRaftAppliedIndex(), s.getHeader().getRevision(), s.getErrorList()));
    } catch (ShakedownException e) {
      return Optional.empty();
    }
  }

  /**
   * The leader's pod name, by the statuses of the members that answer: the leader id reported with the highest
   * term, mapped to a name through the statuses or else the member list. Empty when no member knows a leader.
   */
  public Optional<String> leader() {
    return leader(statuses());
  }

  /** The leader's pod name by already collected {@link #statuses()}; see {@link #leader()}. */
  public Optional<String> leader(Map<String, EtcdMemberStatus> statuses) {
    Optional<EtcdMemberStatus> newest = statuses.values().stream().filter(s -> s.leaderId() != 0)
        .max(Comparator.comparingLong(EtcdMemberStatus::raftTerm));
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    long leaderId = newest.get().leaderId();
    Optional<String> answered = statuses.values().stream().filter(s -> s.memberId() == leaderId)
        .map(EtcdMemberStatus::member).findFirst();
    if (answered.isPresent()) {
      return answered;
    }
    try {
      return list().stream().filter(m -> m.id() == leaderId).map(EtcdMember::podName).findFirst();
    } catch (ShakedownException e) {
      return Optional.of(Long.toHexString(leaderId));
    }
  }

  /**
   * Waits until {@code member} answers (as member id {@code memberId}, or any id when {@code 0}) having applied at
   * least the raft index and revision its leader had when the wait began (at once when it is the leader itself).
   *
   * @throws ShakedownException naming the member, the target and what it last reported, after {@code atMost}
   */
  public EtcdCatchUp awaitCaughtUp(String member, long memberId, Duration atMost) {
    long start = System.nanoTime();
    String what = "etcd member " + member + " caught up with its leader";
    EtcdMemberStatus target = Waits.until(what + ": a leader answers", atMost, Duration.ofMillis(250),
        () -> statuses().values().stream().filter(EtcdMemberStatus::isLeader).findFirst().orElse(null),
        java.util.Objects::nonNull, l -> "no leader found");
    if (target.member().equals(member) && (memberId == 0 || target.memberId() == memberId)) {
      // it leads again: a leader has every committed entry
      return new EtcdCatchUp(target, target, Duration.ofNanos(System.nanoTime() - start));
    }
    Optional<EtcdMemberStatus> caughtUp = Waits.until(what + " (target " + target + "): applied index >= "
            + target.raftIndex() + " and revision >= " + target.revision() + " of " + target.member(), atMost,
        Duration.ofMillis(250), () -> status(member),
        s -> s.isPresent() && (memberId == 0 || s.get().memberId() == memberId)
            && s.get().raftAppliedIndex() >= target.raftIndex() && s.get().revision() >= target.revision(),
        s -> s.map(String::valueOf).orElse("nothing"));
    return new EtcdCatchUp(target, caughtUp.get(), Duration.ofNanos(System.nanoTime() - start));
  }

  /** {@code member add} of a voting member with {@code peerUrl}; returns the new (unstarted) member. */
  public EtcdMember add(URI peerUrl) {
    var added = call("member add " + peerUrl, client.getClusterClient().addMember(List.of(peerUrl))).getMember();
    return new EtcdMember(added.getId(), added.getName(), added.getPeerURIs(), added.isLearner());
  }

  /** {@code member remove} of the member with {@code id}. */
  public void remove(long id) {
    call("member remove " + Long.toHexString(id), client.getClusterClient().removeMember(id));
  }

  private <T> T call(String what, CompletableFuture<T> future) {
    try {
      return future.get(deadline.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShakedownException("etcd " + what + " at " + asked + ": interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      future.cancel(true);
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new ShakedownException("etcd " + what + " at " + asked + ": expected an answer within "
          + deadline + ", got " + EtcdOutcome.describe(cause), cause);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
