package dev.shakedown.web;

import dev.shakedown.check.AvailabilityThresholds;
import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.check.ReadyPods;
import dev.shakedown.check.Verdict;
import dev.shakedown.client.Load;
import dev.shakedown.fault.FaultHandle;
import dev.shakedown.history.TimelineEvent;
import dev.shakedown.report.AllureReport;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The numbers of one {@link AvailabilityScenario} run, printed and attached as {@code availability numbers}: the
 * faults and their targets, the load's counts, success ratio and longest outage against the thresholds, failures by
 * cause, recoveries, latency, the probe's view, and the Ready pods replayed from the pod watch.
 */
final class AvailabilityNumbers {

  private final ScenarioContext ctx;
  private final HttpService service;
  private final AvailabilityThresholds thresholds;
  private final List<FaultHandle> faults;
  private final Load load;
  private final Probe probe;

  private AvailabilityNumbers(ScenarioContext ctx, HttpService service, AvailabilityThresholds thresholds, Run run,
      Probe probe) {
    this.ctx = ctx;
    this.service = service;
    this.thresholds = thresholds;
    this.faults = run.faults();
    this.load = run.loads().get(0);
    this.probe = probe;
  }

  static AvailabilityNumbers of(ScenarioContext ctx, HttpService service, AvailabilityThresholds thresholds, Run run,
      Probe probe) {
    return new AvailabilityNumbers(ctx, service, thresholds, run, probe);
  }

  /** Prints and attaches the numbers and the verdict's summary. */
  void print(Verdict verdict) {
    String text = numbers(verdict) + verdict.summary() + "\n";
    System.out.print(text);
    AllureReport.attachText("availability numbers", "text/plain", "txt", text);
  }

  private Integer minAvailable() {
    return service.minAvailable();
  }

  private String podPrefix() {
    return ReadyPods.prefix(ctx.namespace(), service.name());
  }

  private String numbers(Verdict all) {
    Verdict verdict = all.part("availability");
    var details = verdict.details();
    double ratio = (Double) details.getOrDefault("success-ratio", 0.0);
    Duration longest = (Duration) details.getOrDefault("longest-outage", Duration.ZERO);
    ReadyPods.Window w = window();
    int minReady = ReadyPods.of(ctx.timeline().snapshot(), podPrefix()).min(w.from(), w.to()).ready();
    Verdict probed = Checkers.availability(AvailabilityThresholds.none()).check(Facts.of(probe.history()));
    StringBuilder text = new StringBuilder(service + ", seed " + ctx.seed() + "\n");
    faults.forEach(f -> text.append("  fault     ").append(f.fault()).append(" -> ").append(f.targets()).append('\n'));
    text.append(String.format(Locale.ROOT, "  load      %d OK, %d fail, %d info; success ratio %.2f%% (min %.2f%%),"
            + " longest outage %d ms (max %s)%n", verdict.count("ok"), verdict.count("fail"),
        verdict.count("info"), 100 * ratio, 100 * thresholds.minSuccessRatio(), longest.toMillis(),
        thresholds.maxOutage() == null ? "none" : thresholds.maxOutage().toMillis() + " ms"));
    text.append("  failures  ").append(failuresByCause()).append('\n');
    text.append("  recovery  ").append(details.get("recoveries")).append('\n');
    text.append("  latency   ").append(details.get("latency")).append("; per phase ").append(details.get("latency-by-phase"))
        .append('\n');
    text.append("  probe     ").append(probed.summary()).append('\n');
    List<TimelineEvent> events = ctx.timeline().snapshot();
    text.append(String.format(Locale.ROOT, "  ready     min %d (PDB minAvailable %s), %d ms with fewer than %d Ready;"
            + " all Ready again after %s per fault (pod watch)%n", minReady, minAvailable() == null ? "none"
            : minAvailable(), degraded().toMillis(), service.replicas(),
        ReadyPods.of(events, podPrefix()).recoveries(events, service.replicas()).stream()
            .map(d -> d == null ? "never" : d.toMillis() + " ms").toList()));
    return text.toString();
  }

  /** The load client's FAIL / INFO completions counted by cause, e.g. {@code {ConnectException=12, HTTP 404=3}}. */
  Map<String, Long> failuresByCause() {
    return load.history().snapshot().stream().filter(op -> op.isFail() || op.isInfo())
        .map(op -> String.valueOf(op.error()).replaceFirst(" from .*", ""))
        .collect(Collectors.groupingBy(cause -> cause, TreeMap::new, Collectors.counting()));
  }

  /**
   * The workload's own recovery time: for each fault, from its inject phase until all {@code replicas} pods
   * were Ready again on the pod watch, summed ({@link ReadyPods#recoveries}); a fault not recovered counts until
   * the end of the scenario window.
   */
  Duration workloadRecovery() {
    List<TimelineEvent> events = ctx.timeline().snapshot();
    ReadyPods.Window w = window();
    return ReadyPods.of(events, podPrefix()).recoveries(events, service.replicas()).stream()
        .map(d -> d == null ? Duration.ofNanos(w.to() - w.from()) : d).reduce(Duration.ZERO, Duration::plus);
  }

  /** Time during the scenario with fewer than {@code replicas} pods Ready on the pod watch. */
  Duration degraded() {
    ReadyPods.Window w = window();
    return ReadyPods.of(ctx.timeline().snapshot(), podPrefix()).timeBelow(service.replicas(), w.from(), w.to());
  }

  private ReadyPods.Window window() {
    return ReadyPods.Window.scenario(ctx.timeline().snapshot())
        .orElseThrow(() -> new IllegalStateException("no steady phase on the timeline: run() first"));
  }
}
