package dev.shakedown.check;

import dev.shakedown.check.Outages.Outage;
import dev.shakedown.history.TimelineEvent;
import dev.shakedown.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Measures success ratio, outages and per-fault recovery; see {@link Checkers#availability}. */
final class AvailabilityChecker implements Checker<Facts> {

  static final String CHECKER = "availability";

  private final AvailabilityThresholds thresholds;

  AvailabilityChecker(AvailabilityThresholds thresholds) {
    this.thresholds = thresholds;
  }

  @Override
  public Verdict check(Facts facts) {
    List<Operation> ops = facts.history().snapshot();
    long ok = 0;
    long fail = 0;
    long info = 0;
    List<Operation> failures = new ArrayList<>();
    for (Operation op : ops) {
      if (op.isInvoke()) {
        continue;
      }
      if (op.isOk()) {
        ok++;
      } else {
        fail += op.isFail() ? 1 : 0;
        info += op.isInfo() ? 1 : 0;
        if (failures.size() < Verdict.MAX_OFFENDING) {
          failures.add(op);
        }
      }
    }
    List<Outage> outages = Outages.of(ops);
    long completed = ok + fail + info;
    List<TimelineEvent> events = facts.timeline().snapshot();
    List<Latencies.Timed> timed = Latencies.ofOks(ops);
    long slow = thresholds.maxLatency() == null ? 0
        : timed.stream().filter(t -> t.latencyNanos() > thresholds.maxLatency().toNanos()).count();
    Verdict.Builder b = Verdict.builder(CHECKER).count("ok", ok).count("fail", fail).count("info", info)
        .count("completed", completed).count("outages", outages.size()).count("slow", slow)
        .detail("latency", Latencies.summary(timed)).detail("latency-by-phase", Latencies.byPhase(timed, events))
        .detail("max-latency", thresholds.maxLatency());
    if (completed == 0) {
      return b.status(Verdict.Status.UNKNOWN).summary(CHECKER + " UNKNOWN: no completed operations").build();
    }
    return judge(b, (double) (ok - slow) / completed, completed, outages, failures,
        recoveries(outages, events, thresholds.stableFor()), slow);
  }

  private Verdict judge(Verdict.Builder b, double ratio, long completed, List<Outage> outages,
      List<Operation> failures, List<FaultRecovery> recoveries, long slow) {
    Outage longest = outages.stream().max(Comparator.comparing(Outage::length)).orElse(null);
    Duration longestLength = longest == null ? Duration.ZERO : longest.length();
    Duration slowest = recoveries.stream().filter(r -> r.disturbed() && r.recovered()).map(FaultRecovery::recovery)
        .max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    long unrecovered = recoveries.stream().filter(r -> !r.recovered()).count();
    b.count("faults", recoveries.size()).count("unrecovered", unrecovered)
        .detail("success-ratio", ratio).detail("longest-outage", longestLength)
        .detail("slowest-recovery", slowest).detail("recoveries", recoveries)
        .detail("min-success-ratio", thresholds.minSuccessRatio())
        .detail("max-outage", thresholds.maxOutage()).detail("max-recovery", thresholds.maxRecovery())
        .detail("stable-for", thresholds.stableFor());
    List<String> problems = new ArrayList<>();
    List<Operation> offending = new ArrayList<>();
    if (ratio < thresholds.minSuccessRatio()) {
      problems.add(String.format("success ratio %.2f%% below %.2f%%", ratio * 100, thresholds.minSuccessRatio() * 100)
          + (slow == 0 ? "" : " (" + slow + " OK slower than " + ms(thresholds.maxLatency()) + " counted as degraded)"));
      offending.addAll(failures);
    }
    if (thresholds.maxOutage() != null && longestLength.compareTo(thresholds.maxOutage()) > 0) {
      problems.add("longest outage " + ms(longestLength) + " exceeds " + ms(thresholds.maxOutage()));
      offending.add(longest.firstFailure());
    }
    if (unrecovered > 0) {
      problems.add(unrecovered + " fault(s) never recovered");
      offending.add(outages.get(outages.size() - 1).firstFailure());
    }
    if (thresholds.maxRecovery() != null && slowest.compareTo(thresholds.maxRecovery()) > 0) {
      problems.add("slowest recovery " + ms(slowest) + " exceeds " + ms(thresholds.maxRecovery()));
    }
    offending.stream().distinct().sorted(Comparator.comparingLong(Operation::index)).forEach(b::offending);
    long disturbed = recoveries.stream().filter(FaultRecovery::disturbed).count();
    String recovery = recoveries.isEmpty() ? "no faults"
        : disturbed == 0 ? "every fault undisturbed" : "slowest recovery " + ms(slowest)
            + (disturbed < recoveries.size() ? " (" + (recoveries.size() - disturbed) + " undisturbed)" : "");
    String measured = String.format("%.2f%% of %d completed operations OK, %s, %d fault(s), %s",
        ratio * 100, completed, longest == null ? "no outage" : "longest outage " + ms(longestLength),
        recoveries.size(), recovery);
    return problems.isEmpty()
        ? b.status(Verdict.Status.VALID).summary(CHECKER + " VALID: " + measured).build()
        : b.status(Verdict.Status.INVALID).summary(CHECKER + " INVALID: " + String.join("; ", problems)
            + " (" + measured + ")").build();
  }

  /**
   * One {@link FaultRecovery} per inject mark, in mark order; outages are in time order. The recovery ends at the
   * first OK after the fault's first outage that no failure follows within {@code stableFor} (a later outage that
   * starts sooner, before the next inject, belongs to the same recovery).
   */
  static List<FaultRecovery> recoveries(List<Outage> outages, List<TimelineEvent> events, Duration stableFor) {
    List<TimelineEvent> injects = events.stream().filter(e -> isFault(e, "inject"))
        .sorted(Comparator.comparingLong(TimelineEvent::recordedNanos)).toList();
    List<FaultRecovery> recoveries = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < injects.size(); i++) {
      TimelineEvent inject = injects.get(i);
      long at = inject.recordedNanos();
      long nextInject = i + 1 < injects.size() ? injects.get(i + 1).recordedNanos() : Long.MAX_VALUE;
      while (next < outages.size() && outages.get(next).ended() && outages.get(next).toNanos() <= at) {
        next++;
      }
      Outage hit = next < outages.size() && outages.get(next).firstFailure().nanos() < nextInject
          ? outages.get(next) : null;
      Outage last = hit;
      for (int k = next + 1; last != null && last.ended() && k < outages.size(); k++) {
        long starts = outages.get(k).firstFailure().nanos();
        if (starts >= nextInject || starts - last.toNanos() >= stableFor.toNanos()) {
          break;
        }
        last = outages.get(k);
      }
      Duration recovery = hit == null || !last.ended() ? null : Duration.ofNanos(last.toNanos() - at);
      recoveries.add(new FaultRecovery(inject.subject(), at, healedAfter(inject, events), hit != null, recovery));
    }
    return recoveries;
  }

  private static Duration healedAfter(TimelineEvent inject, List<TimelineEvent> events) {
    return events.stream()
        .filter(e -> isFault(e, "heal") && e.recordedNanos() >= inject.recordedNanos()
            && Objects.equals(e.subject(), inject.subject()))
        .map(e -> Duration.ofNanos(e.recordedNanos() - inject.recordedNanos()))
        .min(Comparator.naturalOrder()).orElse(null);
  }

  private static boolean isFault(TimelineEvent e, String kind) {
    return "fault".equals(e.source()) && kind.equals(e.kind());
  }

  private static String ms(Duration d) {
    return d.toMillis() + " ms";
  }
}
