package dev.shakedown.observe;

import dev.shakedown.workload.EtcdMembers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls an etcd cluster's leader (each member's status, asked at its own endpoint) and records every change in
 * the {@link Timeline} (source {@code etcd}, kind {@code leader}, subject the new leader's pod or {@code none},
 * detail the previous one) and in {@link #changes()}. Close it to stop polling.
 */
public final class EtcdLeaderWatch implements AutoCloseable {

  /**
   * One observed leader.
   *
   * @param nanos {@link System#nanoTime()} when it was first seen
   * @param leader the leader's pod name, or empty while no member knows a leader
   */
  public record Change(long nanos, Optional<String> leader) {}

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

  /** The leader seen last (empty while none is known). */
  public synchronized Optional<String> current() {
    return changes.isEmpty() ? Optional.empty() : changes.get(changes.size() - 1).leader();
  }

  /** The first change after {@code nanos} to a leader other than {@code previous}, if seen yet. */
  public synchronized Optional<Change> firstLeaderAfter(long nanos, String previous) {
    return changes.stream().filter(c -> c.nanos() >= nanos && c.leader().isPresent()
        && !c.leader().get().equals(previous)).findFirst();
  }

  private void poll() {
    Optional<String> leader;
    try {
      leader = members.leader();
    } catch (RuntimeException e) {
      leader = Optional.empty();
    }
    synchronized (this) {
      Optional<String> before = current();
      if (changes.isEmpty() || !before.equals(leader)) {
        changes.add(new Change(System.nanoTime(), leader));
        timeline.record("etcd", "leader", leader.orElse("none"), "previous: " + before.orElse("none"), null);
      }
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
