package dev.shakedown.scenario;

import static org.awaitility.Awaitility.await;

import dev.shakedown.check.AvailabilityThresholds;
import dev.shakedown.check.ReadyPods;
import dev.shakedown.fault.Fault;
import dev.shakedown.fault.FaultHandle;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.observe.TimelineRecorder;
import dev.shakedown.web.HttpService;
import dev.shakedown.history.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import dev.shakedown.WaitTimeoutException;
import dev.shakedown.internal.Waits;

/**
 * "A web service survives a pod kill and a node drain", as a reusable piece: the chaos suite runs it on a
 * resilient {@link HttpService} (3 replicas, PDB) and expects a VALID verdict; an IT runs it on the fragile
 * variant ({@code replicas(1).pdb(false)}) and expects INVALID. {@link #run} goes through steady (timeline
 * recorder, deploy, all Ready) → load (load client + probe) → for each fault, a pod kill and then a drain of a
 * node hosting the service's pods: inject → hold → heal → recover (all Ready, served again, clients stopped).
 * The returned {@link AvailabilityRun} verifies and tears down.
 */
public final class AvailabilityScenario {

  /** The suite's bounds: at least 98% of requests OK and no outage longer than 2 s. */
  public static final AvailabilityThresholds THRESHOLDS =
      AvailabilityThresholds.none().minSuccessRatio(0.98).maxOutage(Duration.ofSeconds(2));

  private final HttpService service;
  private AvailabilityThresholds thresholds = THRESHOLDS;
  private double rate = 20;
  private Duration hold = Duration.ofSeconds(10);
  private Duration within = Duration.ofMinutes(2);
  private Duration servedWithin = Duration.ofSeconds(30);

  private AvailabilityScenario(HttpService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  /** The scenario on {@code service}, configured but not deployed yet ({@link #run} deploys it). */
  public static AvailabilityScenario of(HttpService service) {
    return new AvailabilityScenario(service);
  }

  /** What the verdict judges the load client's history against (default {@link #THRESHOLDS}). */
  public AvailabilityScenario thresholds(AvailabilityThresholds thresholds) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    return this;
  }

  /** Requests per second of the load client (default 20; the probe adds 5). */
  public AvailabilityScenario rate(double perSecond) {
    this.rate = perSecond;
    return this;
  }

  /** How long each fault is held before it is healed (default 10 s). */
  public AvailabilityScenario hold(Duration hold) {
    this.hold = Objects.requireNonNull(hold, "hold");
    return this;
  }

  /** Bound of every wait for the service: Ready, drained, served again (default 2 minutes). */
  public AvailabilityScenario within(Duration atMost) {
    this.within = Objects.requireNonNull(atMost, "atMost");
    return this;
  }

  /**
   * How long recover waits for the clients to be served again (default 30 s). Not served by then, the run goes on
   * to verify (timeline mark {@code scenario/not-served}), whose verdict reports what the clients saw.
   */
  public AvailabilityScenario servedWithin(Duration atMost) {
    this.servedWithin = Objects.requireNonNull(atMost, "atMost");
    return this;
  }

  /** The faults, in injection order; targets are chosen (seeded) when each is injected. */
  public List<Fault> faults() {
    return List.of(Faults.podKill(Targets.pods(service).one()).recoverWithin(within),
        Faults.nodeDrain(Targets.nodesRunning(service).one()).scenarioNamespaceOnly().timeout(within));
  }

  /** Runs every phase but verify; returns the run with its recorded facts. */
  public AvailabilityRun run(ScenarioContext ctx) {
    AvailabilityRun run = new AvailabilityRun(ctx, service, thresholds);
    ctx.phase(Phase.STEADY, () -> {
      TimelineRecorder.start(ctx);
      service.deploy().awaitReady(within);
      String pods = ReadyPods.prefix(ctx.namespace(), service.name());
      Waits.until("timeline shows " + service.replicas() + " Ready pods " + pods + "*", Duration.ofSeconds(30),
          Duration.ofMillis(100), () -> ReadyPods.of(ctx.timeline().snapshot(), pods).readyAt(Long.MAX_VALUE),
          ready -> ready >= service.replicas(), ready -> ready + " Ready");
    });
    ctx.phase(Phase.LOAD, () -> {
      run.startClients(rate);
      awaitServed(run, "load client: first responses OK", within);
    });
    for (Fault fault : faults()) {
      FaultHandle handle = ctx.phase(Phase.INJECT, () -> run.inject(fault));
      ctx.phase(Phase.HOLD, () -> await("hold " + fault.name() + " for " + hold + " while the load runs")
          .during(hold).atMost(hold.plusSeconds(10)).until(run.load()::isRunning));
      ctx.phase(Phase.HEAL, handle::close);
    }
    ctx.phase(Phase.RECOVER, () -> {
      service.awaitReady(within);
      try {
        awaitServed(run, "service " + service.name() + " answers again", servedWithin);
      } catch (WaitTimeoutException e) { // not the harness's failure: the verdict judges what the clients saw
        ctx.timeline().record("scenario", "not-served", "service/" + service.name(), e.getMessage(), null);
      }
      run.stopClients();
    });
    return run;
  }

  /** Waits until the load client's last 5 completions are all OK (so its history does not end in an outage). */
  private static void awaitServed(AvailabilityRun run, String alias, Duration atMost) {
    Waits.untilTrue(alias + " (5 consecutive OK)", atMost, Duration.ofMillis(100), () -> {
      List<Operation> done = run.load().history().snapshot().stream().filter(op -> !op.isInvoke()).toList();
      return done.size() >= 5 && done.subList(done.size() - 5, done.size()).stream().allMatch(Operation::isOk);
    });
  }
}
