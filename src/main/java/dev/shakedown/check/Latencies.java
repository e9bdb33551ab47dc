package dev.shakedown.check;

import dev.shakedown.history.TimelineEvent;
import dev.shakedown.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency of OK operations (invoke to completion of the same process), overall and per lifecycle phase (the
 * {@code phase} begin / end marks of the timeline; an operation belongs to the phase its completion falls in).
 */
final class Latencies {

  /** Percentiles of one group of OK operations. */
  record Summary(int count, Duration p50, Duration p99, Duration max) {
    @Override
    public String toString() {
      return "n=" + count + " p50=" + p50.toMillis() + " ms p99=" + p99.toMillis() + " ms max=" + max.toMillis() + " ms";
    }
  }

  /** Completion time and latency of each OK operation, in history order. */
  record Timed(long completedNanos, long latencyNanos) {}

  private Latencies() {}

  static List<Timed> ofOks(List<Operation> ops) {
    Map<Integer, Operation> invoked = new HashMap<>();
    List<Timed> timed = new ArrayList<>();
    for (Operation op : ops) {
      if (op.isInvoke()) {
        invoked.put(op.process(), op);
      } else {
        Operation invoke = invoked.remove(op.process());
        if (op.isOk() && invoke != null) {
          timed.add(new Timed(op.nanos(), op.nanos() - invoke.nanos()));
        }
      }
    }
    return timed;
  }

  static Summary summary(List<Timed> timed) {
    long[] sorted = timed.stream().mapToLong(Timed::latencyNanos).sorted().toArray();
    if (sorted.length == 0) {
      return new Summary(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
    return new Summary(sorted.length, Duration.ofNanos(percentile(sorted, 50)), Duration.ofNanos(percentile(sorted, 99)),
        Duration.ofNanos(sorted[sorted.length - 1]));
  }

  /** Nearest-rank percentile of a sorted, non-empty array. */
  static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** Per phase, in the order the phases began (a phase run twice, e.g. inject per fault, is one group). */
  static Map<String, Summary> byPhase(List<Timed> timed, List<TimelineEvent> events) {
    Map<String, List<Timed>> groups = new LinkedHashMap<>();
    List<long[]> spans = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Map<String, Long> open = new HashMap<>();
    for (TimelineEvent e : events) {
      if (!"phase".equals(e.source())) {
        continue;
      }
      if ("begin".equals(e.kind())) {
        open.put(e.subject(), e.recordedNanos());
        groups.putIfAbsent(e.subject(), new ArrayList<>());
      } else if (open.containsKey(e.subject())) {
        spans.add(new long[] {open.remove(e.subject()), e.recordedNanos()});
        names.add(e.subject());
      }
    }
    open.forEach((name, from) -> {
      spans.add(new long[] {from, Long.MAX_VALUE});
      names.add(name);
    });
    for (Timed t : timed) {
      for (int i = 0; i < spans.size(); i++) {
        if (t.completedNanos() >= spans.get(i)[0] && t.completedNanos() <= spans.get(i)[1]) {
          groups.get(names.get(i)).add(t);
          break;
        }
      }
    }
    Map<String, Summary> summaries = new LinkedHashMap<>();
    groups.forEach((name, group) -> summaries.put(name, summary(group)));
    return summaries;
  }
}
