package dev.shakedown.check;

import dev.shakedown.history.TimelineEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How many pods of one workload were Ready over time, replayed from the pod entries of a timeline whose
 * recorder was started before the workload was deployed. A pod counts from its {@code Ready} entry until its
 * {@code NotReady}, {@code Terminating} (as the disruption controller sees it: a pod being deleted is not
 * healthy), {@code DELETED}, {@code Failed} or {@code Succeeded} entry. Times are the harness's
 * {@link TimelineEvent#recordedNanos()}.
 */
public final class ReadyPods {

  /** The Ready count changed to {@code ready} at {@code nanos}, because of {@code cause}. */
  public record Step(long nanos, int ready, TimelineEvent cause) {}

  /** A span of {@link TimelineEvent#recordedNanos()}, both ends included. */
  public record Window(long from, long to) {

    /**
     * The scenario proper: from the end of the first {@code steady} phase to the next begin of {@code verify}
     * (else the last entry); empty when the timeline has no end of a {@code steady} phase.
     */
    public static Optional<Window> scenario(List<TimelineEvent> events) {
      Long from = phaseMark(events, "end", "steady", Long.MIN_VALUE);
      if (from == null) {
        return Optional.empty();
      }
      Long verify = phaseMark(events, "begin", "verify", from);
      return Optional.of(new Window(from, verify != null ? verify : events.get(events.size() - 1).recordedNanos()));
    }

    private static Long phaseMark(List<TimelineEvent> events, String kind, String phase, long after) {
      return events.stream()
          .filter(e -> "phase".equals(e.source()) && kind.equals(e.kind()) && phase.equals(e.subject())
              && e.recordedNanos() > after)
          .map(TimelineEvent::recordedNanos).findFirst().orElse(null);
    }
  }

  private static final Set<String> DOWN = Set.of("NotReady", "Terminating", "DELETED", "Failed", "Succeeded");

  private final String prefix;
  private final List<Step> steps;

  private ReadyPods(String prefix, List<Step> steps) {
    this.prefix = prefix;
    this.steps = List.copyOf(steps);
  }

  /** The pods whose timeline subject starts with {@code subjectPrefix}, e.g. {@code pod/<ns>/web-}. */
  public static ReadyPods of(List<TimelineEvent> events, String subjectPrefix) {
    Objects.requireNonNull(subjectPrefix, "subjectPrefix");
    Set<String> ready = new HashSet<>();
    List<Step> steps = new ArrayList<>();
    for (TimelineEvent e : events) {
      if (!"pod".equals(e.source()) || e.subject() == null || !e.subject().startsWith(subjectPrefix)) {
        continue;
      }
      boolean changed = "Ready".equals(e.kind()) ? ready.add(e.subject())
          : DOWN.contains(e.kind()) && ready.remove(e.subject());
      if (changed) {
        steps.add(new Step(e.recordedNanos(), ready.size(), e));
      }
    }
    return new ReadyPods(subjectPrefix, steps);
  }

  /** The subject prefix of the pods {@code <name>-*} of a Deployment or StatefulSet: {@code pod/<ns>/<name>-}. */
  public static String prefix(String namespace, String name) {
    return "pod/" + namespace + "/" + name + "-";
  }

  public String subjectPrefix() {
    return prefix;
  }

  /** Every change of the Ready count, in time order. */
  public List<Step> steps() {
    return steps;
  }

  /** How many were Ready at {@code nanos} (after every change recorded at or before it). */
  public int readyAt(long nanos) {
    int ready = 0;
    for (Step s : steps) {
      if (s.nanos() > nanos) {
        break;
      }
      ready = s.ready();
    }
    return ready;
  }

  /** The lowest Ready count within {@code [from, to]}, and the step that reached it ({@code null}: at {@code from}). */
  public Step min(long from, long to) {
    Step lowest = new Step(from, readyAt(from), null);
    for (Step s : steps) {
      if (s.nanos() > from && s.nanos() <= to && s.ready() < lowest.ready()) {
        lowest = s;
      }
    }
    return lowest;
  }

  /** Total time within {@code [from, to]} during which fewer than {@code count} pods were Ready. */
  public Duration timeBelow(int count, long from, long to) {
    long below = 0;
    long at = from;
    int ready = readyAt(from);
    for (Step s : steps) {
      if (s.nanos() <= from) {
        continue;
      }
      if (s.nanos() > to) {
        break;
      }
      below += ready < count ? s.nanos() - at : 0;
      at = s.nanos();
      ready = s.ready();
    }
    below += ready < count && to > at ? to - at : 0;
    return Duration.ofNanos(below);
  }

  /**
   * The longest single stretch within {@code [from, to]} during which fewer than {@code count} pods were Ready: a
   * rolling maintenance's worst disruption, where {@link #timeBelow} adds up every node's. Zero when never below.
   */
  public Duration longestBelow(int count, long from, long to) {
    long longest = 0;
    Long since = readyAt(from) < count ? from : null;
    for (Step s : steps) {
      if (s.nanos() <= from) {
        continue;
      }
      if (s.nanos() > to) {
        break;
      }
      if (since == null && s.ready() < count) {
        since = s.nanos();
      } else if (since != null && s.ready() >= count) {
        longest = Math.max(longest, s.nanos() - since);
        since = null;
      }
    }
    if (since != null) {
      longest = Math.max(longest, to - since);
    }
    return Duration.ofNanos(longest);
  }

  /**
   * {@link #longestBelow(int, long, long)} from the first {@code inject} phase's begin to the end of the scenario
   * {@link Window} of {@code events} (the workloads' own start-up before the first fault does not count); zero
   * without a fault.
   */
  public Duration longestBelow(List<TimelineEvent> events, int count) {
    Window window = Window.scenario(events).orElse(null);
    if (window == null) {
      return Duration.ZERO;
    }
    return injectBegins(events, window).stream().findFirst()
        .map(first -> longestBelow(count, first, window.to())).orElse(Duration.ZERO);
  }

  /** When each {@code inject} phase within {@code window} began, in order. */
  private static List<Long> injectBegins(List<TimelineEvent> events, Window window) {
    return events.stream().filter(e -> "phase".equals(e.source()) && "begin".equals(e.kind())
            && "inject".equals(e.subject()) && e.recordedNanos() >= window.from() && e.recordedNanos() <= window.to())
        .map(TimelineEvent::recordedNanos).toList();
  }

  /**
   * When, within {@code (from, to]}, the count last came back to at least {@code count} after being below it;
   * {@code from} when it never was below it there, {@code null} when it was still below at {@code to}.
   */
  public Long recoveredAt(int count, long from, long to) {
    if (readyAt(to) < count) {
      return null;
    }
    long at = from;
    int before = readyAt(from);
    for (Step s : steps) {
      if (s.nanos() > from && s.nanos() <= to) {
        if (before < count && s.ready() >= count) {
          at = s.nanos();
        }
        before = s.ready();
      }
    }
    return at;
  }

  /**
   * The workload's own recovery from each fault: for every {@code inject} phase of {@code events} within the
   * scenario {@link Window}, the time from the phase's begin until at least {@code desired} pods were Ready again
   * ({@link #recoveredAt}, looking up to the next inject's begin or the window's end); {@code null} when they
   * were not. A fault that never lowered the count recovered in zero.
   */
  public List<Duration> recoveries(List<TimelineEvent> events, int desired) {
    return recoveriesOf(events, desired);
  }

  /** The last fault's {@link #recoveries recovery}, or {@code null} when there was none or it did not recover. */
  public Duration lastRecovery(List<TimelineEvent> events, int desired) {
    List<Duration> all = recoveriesOf(events, desired);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  private List<Duration> recoveriesOf(List<TimelineEvent> events, int desired) {
    Window window = Window.scenario(events).orElse(null);
    if (window == null) {
      return List.of();
    }
    List<Long> injects = injectBegins(events, window);
    List<Duration> recoveries = new ArrayList<>();
    for (int i = 0; i < injects.size(); i++) {
      long from = injects.get(i);
      Long at = recoveredAt(desired, from, i + 1 < injects.size() ? injects.get(i + 1) : window.to());
      recoveries.add(at == null ? null : Duration.ofNanos(at - from));
    }
    return recoveries;
  }
}
