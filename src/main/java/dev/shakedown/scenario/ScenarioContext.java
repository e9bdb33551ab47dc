package dev.shakedown.scenario;

import dev.shakedown.WaitTimeoutException;
import dev.shakedown.cluster.Cluster;
import dev.shakedown.cluster.ClusterHealth;
import dev.shakedown.cluster.Scope;
import dev.shakedown.client.Load;
import dev.shakedown.observe.TimelineRecorder;
import dev.shakedown.workload.Workload;
import dev.shakedown.internal.Waits;
import dev.shakedown.scenario.ResourceStack;
import dev.shakedown.history.Timeline;
import dev.shakedown.report.AllureReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Everything one chaos test works with: the cluster, its own namespace, the timeline, a seeded random source
 * and the resources to close at test end. The {@code @ChaosTest} extension creates one per test and injects it
 * as a test parameter.
 */
public final class ScenarioContext implements Scope {

  private final Cluster cluster;
  private final String namespace;
  private final Timeline timeline;
  private final long seed;
  private final Random random;
  private final ResourceStack resources;
  private boolean steady;
  private boolean recording;
  private final List<Workload> workloads = new java.util.ArrayList<>();
  private final List<Run> runs = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** How long {@link #awaitSteadyState()} waits for the cluster to be healthy before it aborts the test. */
  public static final Duration STEADY_STATE_WITHIN = Duration.ofMinutes(2);

  /**
   * @param resources where {@link #register} puts resources; whoever owns the context closes it
   */
  public ScenarioContext(Cluster cluster, String namespace, Timeline timeline, long seed, ResourceStack resources) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.timeline = Objects.requireNonNull(timeline, "timeline");
    this.seed = seed;
    this.random = new Random(seed);
    this.resources = Objects.requireNonNull(resources, "resources");
  }

  /** A context with a fresh timeline and resource stack, e.g. for unit tests against a mock server. */
  public static ScenarioContext of(Cluster cluster, String namespace, long seed) {
    return new ScenarioContext(cluster, namespace, new Timeline(), seed, new ResourceStack());
  }

  public Cluster cluster() {
    return cluster;
  }

  public KubernetesClient client() {
    return cluster.client();
  }

  /** The test's own namespace, created before the test and deleted after it (per cleanup mode). */
  public String namespace() {
    return namespace;
  }

  public Timeline timeline() {
    return timeline;
  }

  /** The seed of {@link #random()}; run again with {@code -Dshakedown.seed=<seed>} to replay the same choices. */
  public long seed() {
    return seed;
  }

  /** The test's seeded random source: every random choice (targets, timings) should come from it. */
  public Random random() {
    return random;
  }

  /**
   * Registers a resource (a fault handle, a workload, a watch) to be closed at test end, newest first, per the
   * cleanup mode; returns it.
   */
  public <T extends AutoCloseable> T register(T resource) {
    return resources.push(resource);
  }

  /**
   * The steady-state hypothesis before the first fault of the test: waits (up to {@link #STEADY_STATE_WITHIN}) until
   * every kind node container runs, every node is Ready and every kube-system pod is Ready; once per test. A cluster
   * that does not get there aborts the test as "not in steady state", naming what is wrong: a fault on a cluster
   * already broken (say, a worker left stopped by a killed earlier run) would prove nothing.
   *
   * @throws org.opentest4j.TestAbortedException when the cluster is not in steady state within the bound
   */
  public void awaitSteadyState() {
    awaitSteadyState(STEADY_STATE_WITHIN);
  }

  /** {@link #awaitSteadyState()} with another bound. */
  public synchronized void awaitSteadyState(Duration within) {
    if (steady) {
      return;
    }
    try {
      Waits.until("cluster " + cluster.name() + " in steady state before the first fault", within,
          Duration.ofSeconds(1), () -> ClusterHealth.problems(cluster), List::isEmpty, String::valueOf);
    } catch (WaitTimeoutException e) {
      timeline.mark("scenario", "not-steady").subject("cluster/" + cluster.name()).detail(String.valueOf(e.lastSeen())).record();
      throw new org.opentest4j.TestAbortedException("not in steady state: " + e.lastSeen() + " (waited " + within
          + " before the first fault)", e);
    }
    steady = true;
    timeline.mark("scenario", "steady").subject("cluster/" + cluster.name()).detail("nodes, node containers, kube-system Ready").record();
  }

  /** How long {@link #deploy} waits for a workload to be Ready, and {@link #run} for each load's first OK answer. */
  public static final Duration READY_WITHIN = Duration.ofMinutes(4);

  /**
   * The steady phase: registers {@code workload} (torn down at test end), starts the timeline recorder (once per
   * test), deploys it and waits until it is Ready (within {@link #READY_WITHIN}); returns it.
   */
  public <W extends Workload> W deploy(W workload) {
    Objects.requireNonNull(workload, "workload");
    return phase(Phase.STEADY, () -> {
      if (!recording) {
        TimelineRecorder.start(this);
        recording = true;
      }
      if (!workloads.contains(workload)) {
        register(workload);
        workloads.add(workload);
      }
      workload.deploy();
      workload.awaitReady(READY_WITHIN);
      return workload;
    });
  }

  /**
   * The load phase: starts each load (registered, so closed at test end) and waits until each has had an OK answer
   * (within {@link #READY_WITHIN}: a workload that never answers is not in steady state, and the test is aborted);
   * then checks the steady-state hypothesis: the cluster and every deployed workload's own probe (else the test is
   * aborted as "not in steady state", naming what is wrong). Returns the {@link Run} that drives the rest.
   *
   * @throws IllegalArgumentException when no load is given
   */
  public Run run(Load... loads) {
    if (loads.length == 0) {
      throw new IllegalArgumentException("run needs at least one load, e.g. ctx.run(WebClient.load(ctx, web))");
    }
    List<Load> started = List.of(loads);
    phase(Phase.LOAD, () -> {
      for (Load load : started) {
        register(load).start();
      }
      for (Load load : started) {
        try {
          Waits.untilTrue("load " + load.name() + ": a first OK answer", READY_WITHIN, Duration.ofMillis(100),
              () -> load.history().snapshot().stream().anyMatch(dev.shakedown.history.Operation::isOk));
        } catch (WaitTimeoutException e) {
          throw new org.opentest4j.TestAbortedException("not in steady state: load " + load.name()
              + " had no OK answer within " + READY_WITHIN + "; last: " + last(load), e);
        }
      }
    });
    Run run = new Run(this, started, workloads);
    runs.add(run);
    phase("steady state", run::awaitSteadyBeforeFirstFault);
    return run;
  }

  /** The runs this test started, oldest first: their loads, measurements and verdicts are the test's evidence. */
  public List<Run> runs() {
    return List.copyOf(runs);
  }

  /** What a load's completions said, by error: {@code {ConnectException from 10.0.0.1:80=12}}. */
  private static String last(Load load) {
    var byError = load.history().snapshot().stream().filter(op -> !op.isInvoke())
        .collect(java.util.stream.Collectors.groupingBy(op -> op.type() + " " + op.error(), java.util.TreeMap::new,
            java.util.stream.Collectors.counting()));
    return byError.isEmpty() ? "no operation completed" : "completions " + byError;
  }

  /** The stack {@link #register} fills; closed by the extension at test end. */
  public ResourceStack resources() {
    return resources;
  }

  /**
   * Runs one phase of the scenario as an Allure step, and marks its begin and end on the timeline
   * (source {@code phase}, kind {@code begin} / {@code end} / {@code failed}, subject the phase name).
   */
  public void phase(String name, Runnable body) {
    Objects.requireNonNull(body, "body");
    phase(name, () -> {
      body.run();
      return null;
    });
  }

  /**
   * {@link #phase(String, Runnable)} for a phase that computes something: returns what {@code body} returns, so
   * nothing has to be smuggled out of the lambda ({@code String leader = ctx.phase(Phase.STEADY, etcd::leader)}).
   */
  public <T> T phase(String name, Supplier<T> body) {
    Objects.requireNonNull(body, "body");
    timeline.mark("phase", "begin").subject(name).record();
    T value;
    try {
      value = AllureReport.step(name, body);
    } catch (RuntimeException | Error e) {
      timeline.mark("phase", "failed").subject(name).detail(String.valueOf(e.getMessage())).record();
      throw e;
    }
    timeline.mark("phase", "end").subject(name).record();
    return value;
  }

  /** {@link #phase(String, Runnable)} for one of the standard lifecycle phases. */
  public void phase(Phase phase, Runnable body) {
    phase(phase.label(), body);
  }

  /** {@link #phase(String, Supplier)} for one of the standard lifecycle phases. */
  public <T> T phase(Phase phase, Supplier<T> body) {
    return phase(phase.label(), body);
  }
}
