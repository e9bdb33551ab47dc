package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shakedown.check.AvailabilityThresholds;
import dev.shakedown.check.BeforeAfter;
import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.check.ReadyPods;
import dev.shakedown.check.StatefulSetSnapshot;
import dev.shakedown.check.StatefulSetSnapshots;
import dev.shakedown.check.TimelineCheckers;
import dev.shakedown.check.Verdict;
import dev.shakedown.fault.Fault;
import dev.shakedown.fault.FaultHandle;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.web.Probe;
import dev.shakedown.history.TimelineEvent;
import dev.shakedown.observe.TimelineRecorder;
import dev.shakedown.report.AllureReport;
import dev.shakedown.report.ScenarioTimings;
import dev.shakedown.scenario.Phase;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.workload.NodePortEndpoints;
import dev.shakedown.history.Operation;
import dev.shakedown.web.StatefulKv;
import dev.shakedown.workload.Workloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A StatefulSet recovers after a pod kill and a node stop: 3 replicas with one PersistentVolumeClaim each and
 * required anti-affinity (one pod per worker), probed through its client NodePort. A seeded pod is killed, then
 * the kind node of a seeded pod is stopped until Kubernetes marks it NotReady, and started again. Verified
 * ({@link Checkers#statefulSetRecovered}): the same pod names and ordinals, each on the same claim bound to the
 * same volume, all Ready within {@link #BOUND} of the last fault; restart counts are reported; every fault healed.
 */
@ChaosTest
class StatefulSetRecoversAfterPodKillAndNodeStopScenario {

  static final Duration BOUND = Duration.ofMinutes(3);
  static final Duration WITHIN = Duration.ofMinutes(3);

  @Test
  void podsComeBackWithTheirNamesAndVolumes(ScenarioContext ctx) {
    StatefulKv kv = StatefulKv.of(ctx).replicas(3);
    String pods = ReadyPods.prefix(ctx.namespace(), kv.name());
    List<StatefulSetSnapshot> snapshots = new ArrayList<>();
    List<FaultHandle> faults = new ArrayList<>();

    ctx.phase(Phase.STEADY, () -> {
      TimelineRecorder.start(ctx);
      kv.deploy().awaitReady(WITHIN);
      awaitReadyOnTimeline(ctx, pods, 3);
      snapshots.add(snapshot(ctx, kv, null));
    });
    Probe probe = ctx.phase(Phase.LOAD, () -> ctx.register(Probe.http(kv.name(),
        NodePortEndpoints.of(ctx.client(), ctx.namespace(), kv.clientServiceName()), ctx.timeline())).start());

    for (Fault fault : List.of(Faults.podKill(Targets.pods(kv).one()).recoverWithin(WITHIN),
        Faults.nodeStop(Targets.nodesRunning(kv).one()).recoverWithin(WITHIN))) {
      long injected = System.nanoTime();
      ctx.phase(Phase.INJECT, () -> faults.add(fault.inject(ctx)));
      ctx.phase(Phase.HOLD, () -> await("hold " + fault.name() + " until fewer than 3 " + pods + "* are Ready")
          .atMost(WITHIN).until(() -> ReadyPods.of(ctx.timeline().snapshot(), pods).min(injected, Long.MAX_VALUE)
              .ready() < 3));
      ctx.phase(Phase.HEAL, () -> faults.get(faults.size() - 1).close());
    }
    ctx.phase(Phase.RECOVER, () -> {
      kv.awaitReady(WITHIN);
      awaitReadyOnTimeline(ctx, pods, 3);
      await("probe of " + kv.clientServiceName() + " answered 5 times in a row").atMost(WITHIN)
          .until(() -> lastOk(probe.history().snapshot(), 5));
      probe.close();
      snapshots.add(snapshot(ctx, kv, readyAfterLastFault(ctx, pods)));
    });

    try {
      ctx.phase(Phase.VERIFY, () -> {
        BeforeAfter<StatefulSetSnapshot> set = BeforeAfter.of(snapshots.get(0), snapshots.get(1));
        Verdict verdict = Verdict.combine("statefulset-scenario", List.of(
            Checkers.statefulSetRecovered(BOUND).check(set),
            TimelineCheckers.faultsHealed().check(ctx.timeline()),
            Checkers.availability(AvailabilityThresholds.none()).check(Facts.of(probe.history(), ctx.timeline()))));
        report(faults, set, verdict);
        assertThat(verdict).isValid();
      });
      ctx.phase(ScenarioTimings.TEARDOWN, () -> {
        kv.teardown();
        await("pods and claims of " + kv.name() + " gone").atMost(Duration.ofMinutes(2))
            .until(() -> kv.pods().isEmpty() && kv.claims().isEmpty());
      });
    } finally {
      List<TimelineEvent> events = ctx.timeline().snapshot();
      ScenarioTimings timings = ScenarioTimings.of(events);
      List<Duration> recoveries = ReadyPods.of(events, pods).recoveries(events, 3);
      (recoveries.stream().anyMatch(Objects::isNull) ? timings : timings.workloadRecovery(recoveries.stream()
          .reduce(Duration.ZERO, Duration::plus))).report();
    }
  }

  static StatefulSetSnapshot snapshot(ScenarioContext ctx, StatefulKv kv, Duration readyAfter) {
    var set = ctx.client().apps().statefulSets().inNamespace(ctx.namespace()).withName(kv.name()).get();
    return StatefulSetSnapshots.from(set, kv.pods(), kv.claims(), readyAfter);
  }

  static void awaitReadyOnTimeline(ScenarioContext ctx, String pods, int count) {
    await("timeline shows " + count + " Ready pods " + pods + "*").atMost(Duration.ofSeconds(30))
        .until(() -> ReadyPods.of(ctx.timeline().snapshot(), pods).readyAt(Long.MAX_VALUE) >= count);
  }

  /** From the last fault's inject phase until all 3 pods were Ready again, replayed from the pod watch. */
  static Duration readyAfterLastFault(ScenarioContext ctx, String pods) {
    List<TimelineEvent> events = ctx.timeline().snapshot();
    List<Duration> recoveries = ReadyPods.of(events, pods).recoveries(events, 3);
    return recoveries.isEmpty() ? null : recoveries.get(recoveries.size() - 1);
  }

  static boolean lastOk(List<Operation> ops, int n) {
    List<Operation> done = ops.stream().filter(op -> !op.isInvoke()).toList();
    return done.size() >= n && done.subList(done.size() - n, done.size()).stream().allMatch(Operation::isOk);
  }

  static void report(List<FaultHandle> faults, BeforeAfter<StatefulSetSnapshot> set, Verdict verdict) {
    StringBuilder text = new StringBuilder();
    faults.forEach(f -> text.append("fault ").append(f.fault()).append(" -> ").append(f.targets()).append('\n'));
    Duration readyAfter = set.after().readyAfter();
    text.append("all Ready ").append(readyAfter == null ? "(not measured)" : readyAfter.toMillis() + " ms")
        .append(" after the last fault was injected (bound ").append(BOUND.toMillis()).append(" ms)\n");
    for (StatefulSetSnapshot.PodState was : set.before().pods()) {
      StatefulSetSnapshot.PodState now = set.after().pod(was.name()).orElse(null);
      text.append(String.format("%-6s ordinal %d  %s -> %s  volumes %s -> %s  restarts %d -> %s  %s%n", was.name(),
          was.ordinal(), was.node(), now == null ? "-" : now.node(), was.volumes(),
          now == null ? Map.of() : now.volumes(), was.restartCount(), now == null ? "-" : now.restartCount(),
          now != null && now.uid().equals(was.uid()) ? "same pod" : "recreated"));
    }
    text.append(verdict.summary()).append('\n');
    System.out.print(text);
    AllureReport.attachText("statefulset numbers", "text/plain", "txt", text.toString());
  }
}
