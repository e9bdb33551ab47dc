package dev.shakedown.etcd;

import dev.shakedown.history.Timeline;

import dev.shakedown.etcd.EtcdMemberStatus;
import dev.shakedown.etcd.EtcdMembers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls an etcd cluster's leader and raft term (each member's status, asked at its own endpoint) and records every
 * change of either in the {@link Timeline} (source {@code etcd}, kind {@code leader}, subject the leader's pod or
 * {@code none}, detail the term and the previous leader) and in {@link #changes()}. An election won again by the same
 * member shows as a new term. Close it to stop polling.
 */
public final class EtcdLeaderWatch implements AutoCloseable {

  /**
   * One observed leader.
   *
   * @param nanos {@link System#nanoTime()} when it was first seen
   * @param leader the leader's pod name, or empty while no member knows a leader
   * @param term the highest raft term the answering members report (0 when none answers)
   */
  public record Change(long nanos, Optional<String> leader, long term) {}

  private final EtcdMembers members;
  private final Timeline timeline;
  private final List<Change> changes = new ArrayList<>();
  private final ScheduledExecutorService poller;

  private EtcdLeaderWatch(EtcdMembers members, Timeline timeline, Duration every) {
    this.members = Objects.requireNonNull(members, "members");
    this.timeline = Objects.requireNonNull(timeline, "timeline");
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "shakedown-etcd-leader-watch");
      t.setDaemon(true);
      return t;
    });
    poll();
    poller.scheduleWithFixedDelay(this::poll, every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Starts polling every {@code every}; the first poll happens before this returns. */
  public static EtcdLeaderWatch start(EtcdMembers members, Timeline timeline, Duration every) {
    return new EtcdLeaderWatch(members, timeline, every);
  }

  /** Every leader seen, in order, starting with the first poll. */
  public synchronized List<Change> changes() {
    return List.copyOf(changes);
  }

  /** The last observation (leader and term), if any. */
  public synchronized Optional<Change> last() {
    return changes.isEmpty() ? Optional.empty() : Optional.of(changes.get(changes.size() - 1));
  }

  /** The leader seen last (empty while none is known). */
  public synchronized Optional<String> current() {
    return last().flatMap(Change::leader);
  }

  /** The first leader seen at or after {@code nanos} in a term later than {@code term}: a new election's winner. */
  public synchronized Optional<Change> firstElectionAfter(long nanos, long term) {
    return changes.stream().filter(c -> c.nanos() >= nanos && c.leader().isPresent() && c.term() > term).findFirst();
  }

  private void poll() {
    Optional<String> leader;
    long term;
    try {
      Map<String, EtcdMemberStatus> statuses = members.statuses();
      leader = members.leader(statuses);
      term = statuses.values().stream().mapToLong(EtcdMemberStatus::raftTerm).max().orElse(0);
    } catch (RuntimeException e) {
      leader = Optional.empty();
      term = 0;
    }
    synchronized (this) {
      Optional<Change> before = last();
      boolean known = leader.isPresent();
      if (before.isEmpty() || !before.get().leader().equals(leader) || (known && before.get().term() != term)) {
        changes.add(new Change(System.nanoTime(), leader, term));
        timeline.mark("etcd", "leader").subject(leader.orElse("none")).detail("term " + term + ", previous: "
            + before.flatMap(Change::leader).orElse("none")).record();
      }
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
