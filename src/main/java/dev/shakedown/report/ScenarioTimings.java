package dev.shakedown.report;

import dev.shakedown.history.Timeline;
import dev.shakedown.history.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a scenario's time went, read from its timeline: the phase marks split the wall time into setup
 * ({@code steady + load}), fault ({@code inject + hold}), recovery ({@code heal + recover}), verify and
 * {@value #TEARDOWN}; given the workload's own recovery time, the rest is harness overhead. It also measures
 * the watch lag per source: {@link TimelineEvent#lag()} of the entries with an API time that happened while
 * the harness was recording (most API times have one-second resolution, so a lag reads up to 1 s high).
 */
public final class ScenarioTimings {

  /** The phase label a scenario uses for tearing its workloads down (not one of the lifecycle phases). */
  public static final String TEARDOWN = "teardown";
  private static final Map<String, String> PART_OF = Map.of("steady", "setup", "load", "setup", "inject", "fault",
      "hold", "fault", "heal", "recovery", "recover", "recovery", "verify", "verify", TEARDOWN, TEARDOWN);
  private static final List<String> PARTS = List.of("setup", "fault", "recovery", "verify", TEARDOWN, "other");

  /** The lag of one source: how many entries, their median and their maximum. */
  public record Lag(int count, Duration median, Duration max) {}

  private final Map<String, Duration> parts;
  private final Map<String, Duration> phases;
  private final Duration wall;
  private final Map<String, Lag> lag;
  private final Duration workloadRecovery;

  private ScenarioTimings(Map<String, Duration> parts, Map<String, Duration> phases, Duration wall,
      Map<String, Lag> lag, Duration workloadRecovery) {
    this.parts = parts;
    this.phases = phases;
    this.wall = wall;
    this.lag = lag;
    this.workloadRecovery = workloadRecovery;
  }

  public static ScenarioTimings of(Timeline timeline) {
    return of(timeline.snapshot());
  }

  /** The timings of {@code events} (in recording order). */
  public static ScenarioTimings of(List<TimelineEvent> events) {
    Map<String, Duration> parts = new LinkedHashMap<>();
    PARTS.forEach(p -> parts.put(p, Duration.ZERO));
    Map<String, Duration> phases = new LinkedHashMap<>();
    Map<String, Long> open = new HashMap<>();
    Long first = null;
    Long last = null;
    for (TimelineEvent e : events) {
      if (!"phase".equals(e.source())) {
        continue;
      }
      if ("begin".equals(e.kind())) {
        open.put(e.subject(), e.recordedNanos());
        first = first == null ? e.recordedNanos() : first;
      } else if (open.containsKey(e.subject())) {
        Duration took = Duration.ofNanos(e.recordedNanos() - open.remove(e.subject()));
        parts.merge(PART_OF.getOrDefault(e.subject(), "other"), took, Duration::plus);
        phases.merge(e.subject(), took, Duration::plus);
        last = e.recordedNanos();
      }
    }
    Duration wall = first == null || last == null ? Duration.ZERO : Duration.ofNanos(last - first);
    return new ScenarioTimings(parts, phases, wall, lag(events), null);
  }

  /** The same timings knowing how long the workload itself took to recover (e.g. {@code ReadyPods#recoveries}, summed). */
  public ScenarioTimings workloadRecovery(Duration recovery) {
    return new ScenarioTimings(parts, phases, wall, lag, Objects.requireNonNull(recovery, "recovery"));
  }

  /** From the first phase's begin to the last phase's end. */
  public Duration wall() { return wall; }

  /** {@code setup, fault, recovery, verify, teardown} or {@code other} (phases with other names). */
  public Duration part(String part) { return parts.getOrDefault(part, Duration.ZERO); }

  /** The summed duration of the phases labelled {@code label} (e.g. both {@code hold} phases of two faults). */
  public Duration phase(String label) { return phases.getOrDefault(label, Duration.ZERO); }

  /** Wall time between phases (outside every phase mark pair). */
  public Duration betweenPhases() {
    return wall.minus(parts.values().stream().reduce(Duration.ZERO, Duration::plus));
  }

  /** The workload's own recovery time, if given. */
  public Duration workloadRecovery() { return workloadRecovery; }

  /** Wall time minus the workload's own recovery time, or {@code null} when that was not given. */
  public Duration harnessOverhead() {
    return workloadRecovery == null ? null : wall.minus(workloadRecovery);
  }

  /** Watch lag by source ({@code pod, node, event}), sorted by source. */
  public Map<String, Lag> lag() { return lag; }

  /** Lag per source over entries whose API time is not before recording started (earlier ones were listed, not watched). */
  static Map<String, Lag> lag(List<TimelineEvent> events) {
    if (events.isEmpty()) {
      return Map.of();
    }
    Instant start = events.get(0).recordedAt().truncatedTo(ChronoUnit.SECONDS);
    Map<String, List<Duration>> bySource = new TreeMap<>();
    events.stream().filter(e -> e.apiTime() != null && !e.apiTime().isBefore(start))
        .forEach(e -> bySource.computeIfAbsent(e.source(), s -> new ArrayList<>()).add(e.lag()));
    Map<String, Lag> lag = new LinkedHashMap<>();
    bySource.forEach((source, lags) -> {
      lags.sort(null);
      int n = lags.size();
      Duration median = n % 2 == 1 ? lags.get(n / 2) : lags.get(n / 2 - 1).plus(lags.get(n / 2)).dividedBy(2);
      lag.put(source, new Lag(n, median, lags.get(n - 1)));
    });
    return lag;
  }

  /** A small table: the parts of the wall time, overhead, and lag per source. */
  public String render() {
    StringBuilder t = new StringBuilder("scenario timings (from the phase marks)\n");
    line(t, "wall", wall, "first phase begin -> last phase end");
    line(t, "setup", part("setup"), sum("steady", "load"));
    line(t, "fault", part("fault"), sum("inject", "hold"));
    line(t, "recovery", part("recovery"), sum("heal", "recover"));
    line(t, "verify", part("verify"), "");
    line(t, TEARDOWN, part(TEARDOWN), "");
    if (!part("other").isZero()) {
      line(t, "other", part("other"), "phases with other names");
    }
    line(t, "between", betweenPhases(), "outside any phase");
    if (workloadRecovery != null) {
      line(t, "workload recovery", workloadRecovery, "the workload's own: each inject -> all Ready again");
      line(t, "harness overhead", harnessOverhead(), "wall - workload recovery");
    }
    t.append("watch lag (recorded - API time; API times mostly whole seconds)\n");
    if (lag.isEmpty()) {
      t.append("  (no entries with an API time)\n");
    }
    lag.forEach((source, l) -> t.append(String.format(Locale.ROOT, "  %-6s n=%-4d median %6d ms   max %6d ms%n",
        source, l.count(), l.median().toMillis(), l.max().toMillis())));
    return t.toString();
  }

  private String sum(String a, String b) {
    return String.format(Locale.ROOT, "%s %.1f + %s %.1f", a, phase(a).toMillis() / 1000.0, b,
        phase(b).toMillis() / 1000.0);
  }

  private static void line(StringBuilder t, String name, Duration d, String note) {
    t.append(String.format(Locale.ROOT, "  %-18s %8.1f s   %s%n", name, d.toMillis() / 1000.0, note));
  }

  /** Prints {@link #render()} and attaches it to the Allure report as {@code scenario timings}; returns this. */
  public ScenarioTimings report() {
    String text = render();
    System.out.print(text);
    AllureReport.attachText("scenario timings", "text/plain", "txt", text);
    return this;
  }
}
