package dev.shakedown.web;

import dev.shakedown.check.AvailabilityThresholds;
import dev.shakedown.check.Checker;
import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.check.ReadyPods;
import dev.shakedown.check.TimelineCheckers;
import dev.shakedown.check.Verdict;
import dev.shakedown.client.Load;
import dev.shakedown.fault.Fault;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.history.Operation;
import dev.shakedown.internal.Waits;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * "A web service survives a pod kill and a node drain", as a reusable piece: the chaos suite runs it on a resilient
 * {@link HttpService} (3 replicas, PDB) and expects VALID; an IT runs it on the fragile variant
 * ({@code replicas(1).pdb(false)}) and expects INVALID. {@link #verify} deploys the service, runs a load (and a probe),
 * injects, holds and heals a pod kill and then a drain of a node hosting the service's pods, recovers (all Ready,
 * served again) and returns the verdict: availability against the thresholds, the PDB's {@code minAvailable} held
 * (when it has one), every fault healed, and the steady state after the heal.
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
  private List<Fault> faults;

  private AvailabilityScenario(HttpService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  /** The scenario on {@code service}, configured but not deployed yet ({@link #verify} deploys it). */
  public static AvailabilityScenario of(HttpService service) {
    return new AvailabilityScenario(service);
  }

  /** What the verdict judges the load's history against (default {@link #THRESHOLDS}). */
  public AvailabilityScenario thresholds(AvailabilityThresholds thresholds) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    return this;
  }

  /** Requests per second of the load (default 20; the probe adds 5). */
  public AvailabilityScenario rate(double perSecond) {
    this.rate = perSecond;
    return this;
  }

  /** How long each fault is held before it is healed (default 10 s). */
  public AvailabilityScenario hold(Duration hold) {
    this.hold = Objects.requireNonNull(hold, "hold");
    return this;
  }

  /** Bound of every wait for the service: Ready, drained, Ready again (default 2 minutes). */
  public AvailabilityScenario within(Duration atMost) {
    this.within = Objects.requireNonNull(atMost, "atMost");
    return this;
  }

  /**
   * How long recover waits for the load to be served again (default 30 s). Not served by then, the run goes on to
   * verify (timeline mark {@code scenario/not-served}), whose verdict reports what the clients saw.
   */
  public AvailabilityScenario servedWithin(Duration atMost) {
    this.servedWithin = Objects.requireNonNull(atMost, "atMost");
    return this;
  }

  /**
   * The faults to inject, in order, each held for {@link #hold(Duration)} then healed, instead of the default pod kill
   * and node drain.
   */
  public AvailabilityScenario faults(Fault... faults) {
    if (faults.length == 0) {
      throw new IllegalArgumentException("faults(...) needs at least one fault");
    }
    this.faults = List.of(faults);
    return this;
  }

  /**
   * The faults, in injection order (default: a pod kill, then a drain of a node running the service); targets are
   * chosen (seeded) when each is injected.
   */
  public List<Fault> faults() {
    if (faults != null) {
      return faults;
    }
    return List.of(Faults.podKill(Targets.pods(service).one()).recoverWithin(within),
        Faults.nodeDrain(Targets.nodesRunning(service).one()).scenarioNamespaceOnly().timeout(within));
  }

  /** Runs every phase and returns the verdict; its numbers are printed and attached ({@code availability numbers}). */
  public Verdict verify(ScenarioContext ctx) {
    ctx.deploy(service);
    Probe probe = Probe.http(ctx, service);
    Load load = WebClient.load(ctx, service).rate(rate);
    Run run = ctx.run(load);
    faults().forEach(fault -> run.inject(fault).hold(hold).heal());
    run.recover(() -> {
      service.awaitReady(within);
      if (!Waits.lastAttempt("service " + service.name() + " answers again (5 consecutive OK)", servedWithin,
          Duration.ofMillis(100), () -> lastFiveOk(load), Boolean::booleanValue)) {
        // not the harness's failure: the verdict judges what the clients saw
        ctx.timeline().mark("scenario", "not-served").subject("service/" + service.name()).detail("not within " + servedWithin).record();
      }
    });
    Verdict verdict = run.check(checks(ctx).toArray(Checker[]::new));
    AvailabilityNumbers.of(ctx, service, thresholds, run, probe).print(verdict);
    return verdict;
  }

  private List<Checker<Facts>> checks(ScenarioContext ctx) {
    List<Checker<Facts>> checks = new ArrayList<>(List.of(Checkers.availability(thresholds)));
    Integer minAvailable = service.minAvailable();
    if (minAvailable != null) {
      checks.add(TimelineCheckers.minReady(ReadyPods.prefix(ctx.namespace(), service.name()), minAvailable)
          .on(Facts::timeline));
    }
    return checks;
  }

  /** Whether the load's last 5 completions are all OK (so its history does not end in an outage). */
  private static boolean lastFiveOk(Load load) {
    List<Operation> done = load.history().snapshot().stream().filter(op -> !op.isInvoke()).toList();
    return done.size() >= 5 && done.subList(done.size() - 5, done.size()).stream().allMatch(Operation::isOk);
  }
}
