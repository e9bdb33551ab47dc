package dev.shakedown.report;

import dev.shakedown.check.Verdict;
import dev.shakedown.history.Operation;
import dev.shakedown.history.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Scenario results built by hand for the report's tests. */
final class ScenarioResults {

  private ScenarioResults() {}

  static Verdict verdict(String checker, Verdict.Status status) {
    return Verdict.builder(checker).status(status).summary(checker + " " + status).build();
  }

  static Verdict all(Verdict... parts) {
    return Verdict.combine("all", List.of(parts));
  }

  static TimelineEvent event(long ms, String source, String kind, String subject, String detail) {
    return new TimelineEvent(ms * 1_000_000, Instant.EPOCH.plusMillis(ms), null, source, kind, subject, detail);
  }

  /** A write load: one op per 100 ms from 0, ok unless its time falls in {@code [failFrom, failTo)} ms. */
  static List<Operation> writes(int count, long failFrom, long failTo) {
    List<Operation> ops = new ArrayList<>();
    long index = 0;
    for (int i = 0; i < count; i++) {
      long ms = i * 100L;
      ops.add(new Operation(index++, 0, Operation.Type.INVOKE, "write", "v" + i, ms * 1_000_000, null, null));
      boolean fails = ms >= failFrom && ms < failTo;
      ops.add(new Operation(index++, 0, fails ? Operation.Type.FAIL : Operation.Type.OK, "write", "v" + i,
          (ms + 10) * 1_000_000, fails ? null : "pod-0", fails ? "refused" : null));
    }
    return ops;
  }

  static ScenarioResult result(String name, ScenarioResult.Outcome outcome, List<Verdict> verdicts,
      Map<String, List<Operation>> histories, List<TimelineEvent> events) {
    return new ScenarioResult(name, outcome, outcome == ScenarioResult.Outcome.PASSED ? null : "expected VALID but was "
        + "INVALID\n  at line 2", verdicts, Map.of(), histories, events, Duration.ofSeconds(42));
  }
}
