package dev.shakedown.scenario;

import dev.shakedown.check.Checker;
import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.check.TimelineCheckers;
import dev.shakedown.check.Verdict;
import dev.shakedown.client.Load;
import dev.shakedown.cluster.ClusterHealth;
import dev.shakedown.fault.Fault;
import dev.shakedown.fault.FaultHandle;
import dev.shakedown.history.History;
import dev.shakedown.internal.Waits;
import dev.shakedown.report.AllureReport;
import dev.shakedown.workload.Workload;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One rehearsal under load, made by {@link ScenarioContext#run(Load...)} once the steady-state hypothesis holds (the
 * cluster, and each deployed workload's own probe): inject → hold → heal → recover → check.
 * Every step is its own phase (an Allure step, and begin / end marks on the timeline). {@link #check} stops the loads,
 * heals what is still injected, verifies the steady-state hypothesis again, and judges what was recorded.
 *
 * <pre>{@code
 * Run run = ctx.run(load);
 * run.inject(Faults.podKill(Targets.pods(web).one())).hold(ofSeconds(10)).heal();
 * assertThat(run.check(Checkers.availability(THRESHOLDS))).isValid();
 * }</pre>
 */
public final class Run {

  /** How long {@link #check} waits for the steady-state hypothesis to hold again after the heal. */
  public static final Duration STEADY_AFTER = Duration.ofMinutes(2);

  private final ScenarioContext ctx;
  private final List<Load> loads;
  private final List<Workload> workloads;
  private final Deque<FaultHandle> injected = new ArrayDeque<>();
  private final List<FaultHandle> faults = new ArrayList<>();
  private final Map<String, String> measurements = new LinkedHashMap<>();
  private boolean checked;
  private volatile Verdict verdict;

  Run(ScenarioContext ctx, List<Load> loads, List<Workload> workloads) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.loads = List.copyOf(loads);
    this.workloads = List.copyOf(workloads);
  }

  /** Injects {@code fault} (phase {@code inject}); the first fault first checks the steady-state hypothesis. */
  public Run inject(Fault fault) {
    Objects.requireNonNull(fault, "fault");
    requireNotChecked("inject");
    FaultHandle handle = ctx.phase(Phase.INJECT, () -> fault.inject(ctx));
    injected.push(handle);
    faults.add(handle);
    return this;
  }

  /** Keeps the current state for {@code duration} while the loads run (phase {@code hold}). */
  public Run hold(Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("hold must be positive, was " + duration
          + "; to heal at once, call heal() without a hold");
    }
    requireNotChecked("hold");
    ctx.phase(Phase.HOLD, () -> {
      ctx.timeline().mark("scenario", "hold").subject("run").detail("for " + duration).record();
      Waits.hold(duration);
    });
    return this;
  }

  /**
   * Holds until {@code probe}'s value passes {@code done} (phase {@code hold}), and returns that value.
   *
   * @throws dev.shakedown.WaitTimeoutException naming {@code what}, the bound and the last value seen
   */
  public <T> T holdUntil(String what, Callable<T> probe, Predicate<? super T> done, Duration atMost) {
    requireNotChecked("holdUntil");
    return ctx.phase(Phase.HOLD, () -> {
      ctx.timeline().mark("scenario", "hold").subject("run").detail("until " + what).record();
      return Waits.until(what, atMost, Duration.ofMillis(200), probe, done);
    });
  }

  /**
   * Holds until {@code more} further operations of the first load are OK (phase {@code hold}): the system makes
   * progress again.
   */
  public Run holdUntilOk(long more, Duration atMost) {
    long target = okCount() + more;
    holdUntil(more + " more OK operations of load " + loads.get(0).name() + " (target " + target + ")",
        this::okCount, ok -> ok >= target, atMost);
    return this;
  }

  /**
   * Stops the loads and performs the first load's final read ({@link Load#finalRead(Duration)}: retried within
   * {@code within}, every attempt recorded; never throws), as phase {@code final read}; returns the last attempt.
   */
  public dev.shakedown.history.Operation finalRead(Duration within) {
    requireNotChecked("finalRead");
    return ctx.phase("final read", () -> {
      loads.forEach(Load::stop);
      return loads.get(0).finalRead(within);
    });
  }

  /**
   * A further final read through {@code client} (say, one replica alone), recorded in the first load's history so
   * the checkers judge it with the others; the client is closed after. Never throws; returns the last attempt.
   */
  public dev.shakedown.history.Operation finalReadThrough(String name, dev.shakedown.client.Client client,
      Duration within) {
    requireNotChecked("finalReadThrough");
    return ctx.phase("final read through " + name, () -> {
      try (Load reader = Load.of(name, client)) {
        dev.shakedown.history.Operation read = reader.finalRead(within);
        reader.history().snapshot().forEach(history()::append);
        return read;
      }
    });
  }

  private long okCount() {
    return history().snapshot().stream().filter(dev.shakedown.history.Operation::isOk).count();
  }

  /** Heals every injected fault, newest first (phase {@code heal}). Harmless when nothing is injected. */
  public Run heal() {
    requireNotChecked("heal");
    healAll();
    return this;
  }

  /** A recovery step (phase {@code recover}), e.g. {@code run.recover(db::awaitReady)}. */
  public Run recover(Runnable step) {
    Objects.requireNonNull(step, "step");
    requireNotChecked("recover");
    ctx.phase(Phase.RECOVER, step);
    return this;
  }

  /** Records a measurement: printed as {@code MEASURE}, marked on the timeline, attached with the verdict. */
  public Run measure(String name, Object value) {
    String text = value instanceof Duration d ? d.toMillis() + " ms" : String.valueOf(value);
    measurements.put(name, text);
    ctx.timeline().mark("measure", name).subject("run").detail(text).record();
    System.out.println("MEASURE " + name + ": " + text);
    return this;
  }

  /** The faults injected so far, in order. */
  public List<FaultHandle> faults() {
    return List.copyOf(faults);
  }

  /** The loads of this run, in the order given. */
  public List<Load> loads() {
    return loads;
  }

  /** The history of the first load. */
  public History history() {
    return loads.get(0).history();
  }

  /**
   * Judges the run (phase {@code verify}): stops the loads, heals any fault still injected, then combines
   * {@code checkers} (on the first load's history and the timeline) with two parts of its own: {@code faults-healed}
   * and {@code steady-state} (the hypothesis checked before the first fault, verified again). The numbers and the
   * verdict are printed and attached. Once per run.
   *
   * @throws IllegalArgumentException when no checker is given
   */
  @SafeVarargs
  public final Verdict check(Checker<Facts>... checkers) {
    if (checkers.length == 0) {
      throw new IllegalArgumentException("check needs at least one checker, e.g. "
          + "run.check(Checkers.availability(thresholds)) or run.check(Checkers.noLostWrites().on(Facts::history))");
    }
    requireNotChecked("check");
    if (!injected.isEmpty()) {
      healAll();
    }
    return ctx.phase(Phase.VERIFY, () -> {
      checked = true;
      loads.forEach(Load::stop);
      List<Checker<Facts>> all = new ArrayList<>(Arrays.asList(checkers));
      all.add(TimelineCheckers.faultsHealed().on(Facts::timeline));
      System.out.println("[shakedown] verify: steady-state hypothesis after the heal (up to " + STEADY_AFTER + ")");
      List<String> last = Waits.lastAttempt("steady state after the heal", STEADY_AFTER, Duration.ofSeconds(1),
          this::steadyStateProblems, List::isEmpty);
      List<String> problems = last != null ? last : List.of("no steady-state probe finished within " + STEADY_AFTER);
      all.add(facts -> steadyState(problems));
      @SuppressWarnings("unchecked")
      Checker<Facts>[] parts = all.toArray(new Checker[0]);
      Verdict verdict = Checkers.all(parts).check(Facts.of(history(), ctx.timeline()));
      String text = measurements.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
          .collect(Collectors.joining("\n", "", measurements.isEmpty() ? "" : "\n"))
          + loads.stream().map(l -> "load " + l.name() + ": skipped ticks " + l.skipped()
              + (l.exhausted() ? ", its generator ran dry" : "")).collect(Collectors.joining("\n")) + "\n"
          + verdict.summary() + "\n";
      System.out.print(text);
      AllureReport.attachText("run: measurements and verdict", "text/plain", "txt", text);
      this.verdict = verdict;
      return verdict;
    });
  }

  /** The verdict of {@link #check}, once judged. */
  public Optional<Verdict> verdict() {
    return Optional.ofNullable(verdict);
  }

  /** The measurements recorded so far, by name, in the order recorded. */
  public Map<String, String> measurements() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
  }

  /**
   * The steady-state hypothesis before the first fault: the cluster ({@link ScenarioContext#awaitSteadyState()}) and
   * every deployed workload's own probe, within {@link ScenarioContext#STEADY_STATE_WITHIN}; else the test is aborted
   * as "not in steady state", naming what is wrong.
   */
  void awaitSteadyBeforeFirstFault() {
    ctx.awaitSteadyState();
    List<String> problems = Waits.lastAttempt("workloads in steady state before the first fault",
        ScenarioContext.STEADY_STATE_WITHIN, Duration.ofSeconds(1), this::steadyStateProblems, List::isEmpty);
    if (problems != null && !problems.isEmpty()) {
      ctx.timeline().mark("scenario", "not-steady").subject("run").detail(String.valueOf(problems)).record();
      throw new org.opentest4j.TestAbortedException("not in steady state: " + problems + " (waited "
          + ScenarioContext.STEADY_STATE_WITHIN + " before the first fault)");
    }
  }

  /** What is wrong with the cluster or a workload now (empty when the hypothesis holds). */
  List<String> steadyStateProblems() {
    List<String> problems = new ArrayList<>(ClusterHealth.problems(ctx.cluster()));
    workloads.forEach(w -> problems.addAll(w.steadyStateProblems()));
    return problems;
  }

  private static Verdict steadyState(List<String> problems) {
    return Verdict.builder("steady-state").status(problems.isEmpty() ? Verdict.Status.VALID : Verdict.Status.INVALID)
        .summary(problems.isEmpty() ? "steady-state VALID: cluster and workloads healthy after the heal"
            : "steady-state INVALID after the heal: " + problems)
        .count("problems", problems.size()).build();
  }

  private void healAll() {
    ctx.phase(Phase.HEAL, () -> {
      while (!injected.isEmpty()) {
        injected.pop().close();
      }
    });
  }

  private void requireNotChecked(String step) {
    if (checked) {
      throw new IllegalStateException(step + " after check: this run is judged; start another with ctx.run(...)");
    }
  }
}
