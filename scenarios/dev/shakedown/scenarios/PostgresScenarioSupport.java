package dev.shakedown.scenarios;

import dev.shakedown.internal.Waits;
import static org.awaitility.Awaitility.await;

import dev.shakedown.check.StatefulSetSnapshot;
import dev.shakedown.check.StatefulSetSnapshots;
import dev.shakedown.check.Verdict;
import dev.shakedown.report.AllureReport;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.history.History;
import dev.shakedown.postgres.Postgres;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Small helpers shared by the PostgreSQL scenarios: waits on write progress, holds, snapshots and measurements. */
final class PostgresScenarioSupport {

  private final ScenarioContext ctx;
  private final Map<String, String> measurements = new LinkedHashMap<>();

  PostgresScenarioSupport(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  static long okWrites(History history) {
    return history.snapshot().stream().filter(o -> o.isOk() && o.function().equals("write")).count();
  }

  static long failedWrites(History history) {
    return history.snapshot().stream().filter(o -> (o.isFail() || o.isInfo()) && o.function().equals("write")).count();
  }

  /** Waits until {@code more} further writes have been acknowledged. */
  static void awaitAcknowledged(History history, long more, Duration atMost) {
    long target = okWrites(history) + more;
    await(more + " more writes acknowledged (target " + target + " ok)").atMost(atMost)
        .pollInterval(Duration.ofMillis(200)).until(() -> okWrites(history) >= target);
  }

  /**
   * Waits until a write is acknowledged after {@code nanos} and returns how long after {@code nanos} that was:
   * when the primary really answered again (a StatefulSet's Ready count can be stale while its node is down).
   */
  static Duration awaitWriteAcknowledgedAfter(History history, long nanos, Duration atMost) {
    long[] first = {0};
    await("a write acknowledged again").atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
      first[0] = history.snapshot().stream().filter(o -> o.isOk() && o.function().equals("write") && o.nanos() > nanos)
          .mapToLong(o -> o.nanos()).findFirst().orElse(0);
      return first[0] != 0;
    });
    return Duration.ofNanos(first[0] - nanos);
  }

  /** Keeps the scenario in its current state for {@code duration} (the writer keeps running). */
  static void hold(Duration duration) {
    Waits.hold(duration);
  }

  StatefulSetSnapshot snapshot(Postgres pg, Duration readyAfter) {
    var set = ctx.client().apps().statefulSets().inNamespace(pg.namespace()).withName(pg.name()).get();
    var claims = ctx.client().persistentVolumeClaims().inNamespace(pg.namespace()).list().getItems();
    return StatefulSetSnapshots.from(set, pg.pods(), claims, readyAfter);
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

  /** Attaches every measurement to the Allure report. */
  void attach(String title) {
    AllureReport.attachText(title, "text/plain", "txt", measurements.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(System.lineSeparator())));
  }

  static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }
}
