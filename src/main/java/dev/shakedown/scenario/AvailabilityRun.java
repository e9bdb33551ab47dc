package dev.shakedown.scenario;


import dev.shakedown.check.AvailabilityThresholds;
import dev.shakedown.internal.Waits;
import dev.shakedown.check.Checker;
import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.check.ReadyPods;
import dev.shakedown.check.TimelineCheckers;
import dev.shakedown.check.Verdict;
import dev.shakedown.fault.Fault;
import dev.shakedown.fault.FaultHandle;
import dev.shakedown.history.TimelineEvent;
import dev.shakedown.web.Probe;
import dev.shakedown.report.AllureReport;
import dev.shakedown.report.ScenarioTimings;
import dev.shakedown.web.HttpService;
import dev.shakedown.client.Load;
import dev.shakedown.web.WebClient;
import dev.shakedown.workload.Workloads;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One run of an {@link AvailabilityScenario}: the service, its clients, the injected faults and the verdict
 * on what they recorded. The verdict combines availability of the load client's history against the
 * thresholds, the PodDisruptionBudget's {@code minAvailable} respected (when the service has one) and every
 * fault healed.
 */
public final class AvailabilityRun {

  private final ScenarioContext ctx;
  private final HttpService service;
  private final AvailabilityThresholds thresholds;
  private final List<FaultHandle> faults = new ArrayList<>();
  private Load load;
  private Probe probe;

  AvailabilityRun(ScenarioContext ctx, HttpService service, AvailabilityThresholds thresholds) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.service = Objects.requireNonNull(service, "service");
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
  }

  void startClients(double rate) {
    load = WebClient.load(ctx, service).rate(rate).start();
    probe = Probe.http(ctx, service);
  }

  void stopClients() {
    load.stop();
    probe.close();
  }

  FaultHandle inject(Fault fault) {
    FaultHandle handle = fault.inject(ctx);
    faults.add(handle);
    return handle;
  }

  public HttpService service() { return service; }

  public Load load() { return load; }

  public Probe probe() { return probe; }

  /** The injected faults, in order. */
  public List<FaultHandle> faults() { return List.copyOf(faults); }

  /** The PDB's {@code minAvailable} when the service deploys one, else {@code null}. */
  public Integer minAvailable() {
    return service.manifests().stream().filter(PodDisruptionBudget.class::isInstance)
        .map(o -> ((PodDisruptionBudget) o).getSpec().getMinAvailable().getIntVal()).findFirst().orElse(null);
  }

  /** Subject prefix of the service's pods on the timeline. */
  public String podPrefix() {
    return ReadyPods.prefix(ctx.namespace(), service.name());
  }

  /** The checks of this run, judged on the load client's history and the timeline. */
  public Verdict verdict() {
    List<Checker<Facts>> checks = new ArrayList<>(List.of(Checkers.availability(thresholds)));
    if (minAvailable() != null) {
      checks.add(TimelineCheckers.minReady(podPrefix(), minAvailable()).on(Facts::timeline));
    }
    checks.add(TimelineCheckers.faultsHealed().on(Facts::timeline));
    @SuppressWarnings("unchecked")
    Checker<Facts>[] all = checks.toArray(new Checker[0]);
    return Checkers.all(all).check(Facts.of(load.history(), ctx.timeline()));
  }

  /** Judges the run, prints and attaches its numbers and the verdict ({@code availability numbers}); returns it. */
  public Verdict verify() {
    Verdict verdict = verdict();
    String text = numbers(verdict) + verdict.summary() + "\n";
    System.out.print(text);
    AllureReport.attachText("availability numbers", "text/plain", "txt", text);
    return verdict;
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
  public Map<String, Long> failuresByCause() {
    return load.history().snapshot().stream().filter(op -> op.isFail() || op.isInfo())
        .map(op -> String.valueOf(op.error()).replaceFirst(" from .*", ""))
        .collect(Collectors.groupingBy(cause -> cause, TreeMap::new, Collectors.counting()));
  }

  /**
   * The workload's own recovery time: for each fault, from its inject phase until all {@code replicas} pods
   * were Ready again on the pod watch, summed ({@link ReadyPods#recoveries}); a fault not recovered counts until
   * the end of the scenario window.
   */
  public Duration workloadRecovery() {
    List<TimelineEvent> events = ctx.timeline().snapshot();
    ReadyPods.Window w = window();
    return ReadyPods.of(events, podPrefix()).recoveries(events, service.replicas()).stream()
        .map(d -> d == null ? Duration.ofNanos(w.to() - w.from()) : d).reduce(Duration.ZERO, Duration::plus);
  }

  /** Time during the scenario with fewer than {@code replicas} pods Ready on the pod watch. */
  public Duration degraded() {
    ReadyPods.Window w = window();
    return ReadyPods.of(ctx.timeline().snapshot(), podPrefix()).timeBelow(service.replicas(), w.from(), w.to());
  }

  private ReadyPods.Window window() {
    return ReadyPods.Window.scenario(ctx.timeline().snapshot())
        .orElseThrow(() -> new IllegalStateException("no steady phase on the timeline: run() first"));
  }

  /** The scenario's timings, with {@link #workloadRecovery()}. */
  public ScenarioTimings timings() {
    ScenarioTimings timings = ScenarioTimings.of(ctx.timeline());
    return ReadyPods.Window.scenario(ctx.timeline().snapshot()).isPresent()
        ? timings.workloadRecovery(workloadRecovery()) : timings;
  }

  /** Deletes the service and waits (bounded) until its pods are gone. */
  public void teardown() {
    service.teardown();
    Waits.until("pods " + podPrefix() + "* gone after teardown", Duration.ofMinutes(1), Waits.POLL,
        () -> service.pods().stream().map(p -> p.getMetadata().getName()).toList(), List::isEmpty,
        left -> "pods remain: " + left);
  }
}
