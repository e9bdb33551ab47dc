package dev.shakedown.scenarios;

import dev.shakedown.internal.Waits;
import static org.awaitility.Awaitility.await;

import dev.shakedown.check.Verdict;
import dev.shakedown.etcd.EtcdLeaderWatch;
import dev.shakedown.history.TimelineEvent;
import dev.shakedown.report.AllureReport;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Helpers shared by the etcd scenarios: write progress, holds, write outages, measurements for print and report. */
final class EtcdScenarioSupport {

  private final ScenarioContext ctx;
  private final Map<String, String> measurements = new LinkedHashMap<>();

  EtcdScenarioSupport(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  static long okWrites(History history) {
    return history.snapshot().stream().filter(o -> o.isOk() && o.function().equals("write")).count();
  }

  /** Waits until {@code more} further writes have been acknowledged. */
  static void awaitAcknowledged(History history, long more, Duration atMost) {
    long target = okWrites(history) + more;
    await(more + " more etcd writes acknowledged (target " + target + " ok)").atMost(atMost)
        .pollInterval(Duration.ofMillis(200)).until(() -> okWrites(history) >= target);
  }

  /** Keeps the scenario in its current state for {@code duration} (the writer keeps running). */
  static void hold(Duration duration) {
    Waits.hold(duration);
  }

  /** The longest time between two consecutive acknowledged writes completed after {@code fromNanos}. */
  static Duration longestWriteGap(History history, long fromNanos) {
    List<Long> acks = history.snapshot().stream().filter(o -> o.isOk() && o.function().equals("write"))
        .map(Operation::nanos).filter(n -> n >= fromNanos).sorted().toList();
    long longest = 0;
    for (int i = 1; i < acks.size(); i++) {
      longest = Math.max(longest, acks.get(i) - acks.get(i - 1));
    }
    return Duration.ofNanos(longest);
  }

  static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }

  /** Records one measurement: printed as {@code MEASURE}, kept for the report's summary attachment. */
  void measure(String name, Object value) {
    String text = value instanceof Duration d ? d.toMillis() + " ms" : String.valueOf(value);
    measurements.put(name, text);
    System.out.println("MEASURE " + name + ": " + text);
  }

  void counts(String prefix, Verdict verdict) {
    measure(prefix + " ok/fail/info/lost", verdict.count("ok") + " / " + verdict.count("fail") + " / "
        + verdict.count("info") + " / " + verdict.count("lost"));
  }

  /** Every leader the watch saw, with its time relative to {@code zeroNanos}. */
  void leaders(EtcdLeaderWatch watch, long zeroNanos) {
    measure("leaders seen (ms relative to the fault)", watch.changes().stream()
        .map(c -> c.leader().orElse("none") + "(term " + c.term() + ")@" + Duration.ofNanos(c.nanos() - zeroNanos)
            .toMillis())
        .collect(Collectors.joining(" -> ")));
  }

  /** Attaches every measurement, and the etcd-related timeline entries, to the Allure report. */
  void attach(String title) {
    AllureReport.attachText(title, "text/plain", "txt", measurements.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(System.lineSeparator())));
    AllureReport.attachText(title + ": etcd and fault timeline", "text/plain", "txt", ctx.timeline().snapshot()
        .stream().filter(e -> List.of("etcd", "fault", "check", "recovery").contains(e.source()))
        .map(EtcdScenarioSupport::line).collect(Collectors.joining(System.lineSeparator())));
  }

  private static String line(TimelineEvent e) {
    return e.recordedAt() + " " + e.source() + " " + e.kind() + " " + e.subject()
        + (e.detail() == null ? "" : " " + e.detail());
  }
}
