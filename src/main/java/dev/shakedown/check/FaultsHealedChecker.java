package dev.shakedown.check;

import dev.shakedown.history.Timeline;
import dev.shakedown.history.TimelineEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every injected fault was healed; see {@link TimelineCheckers#faultsHealed}. */
final class FaultsHealedChecker implements Checker<Timeline> {

  static final String CHECKER = "faults-healed";
  /** What {@code Handle} appends to a heal mark's detail when healing threw. */
  static final String FAILED = " FAILED: ";

  @Override
  public Verdict check(Timeline timeline) {
    Map<String, Deque<TimelineEvent>> open = new HashMap<>();
    List<String> heals = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    long injected = 0;
    long healed = 0;
    for (TimelineEvent e : timeline.snapshot()) {
      if (!"fault".equals(e.source())) {
        continue;
      }
      if ("inject".equals(e.kind())) {
        injected++;
        open.computeIfAbsent(e.subject(), k -> new ArrayDeque<>()).add(e);
      } else if ("heal".equals(e.kind())) {
        TimelineEvent inject = open.getOrDefault(e.subject(), new ArrayDeque<>()).poll();
        if (inject == null) {
          continue; // a heal without an inject on this timeline: nothing to judge
        }
        if (e.detail() != null && e.detail().contains(FAILED)) {
          problems.add(e.subject() + " heal failed: " + e.detail());
        } else {
          healed++;
          heals.add(e.subject() + " " + e.detail() + " healed " + (e.recordedNanos() - inject.recordedNanos())
              / 1_000_000 + " ms after inject");
        }
      }
    }
    open.forEach((fault, injects) -> injects.forEach(i -> problems.add(fault + " " + i.detail() + " never healed")));
    long failed = problems.stream().filter(p -> p.contains(" heal failed:")).count();
    Verdict.Builder b = Verdict.builder(CHECKER).count("injected", injected).count("healed", healed)
        .count("unhealed", injected - healed).count("failed-heals", failed).detail("heals", heals);
    if (injected == 0) {
      return b.status(Verdict.Status.UNKNOWN).summary(CHECKER + " UNKNOWN: no fault was injected").build();
    }
    if (!problems.isEmpty() || healed < injected) {
      return b.status(Verdict.Status.INVALID).summary(CHECKER + " INVALID: " + healed + " of " + injected
          + " faults healed; " + String.join("; ", problems)).build();
    }
    return b.status(Verdict.Status.VALID).summary(CHECKER + " VALID: " + healed + " of " + injected
        + " faults healed").build();
  }
}
