package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;

import dev.shakedown.check.AvailabilityThresholds;
import dev.shakedown.check.BeforeAfter;
import dev.shakedown.check.Checkers;
import dev.shakedown.check.ReadyPods;
import dev.shakedown.check.StatefulSetSnapshot;
import dev.shakedown.fault.Fault;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.StatefulKv;
import dev.shakedown.web.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A StatefulSet recovers after a pod kill and a node stop: 3 replicas with one PersistentVolumeClaim each and
 * required anti-affinity (one pod per worker), under a write load through its client NodePort. Before the faults each
 * pod is written a checksummed marker in its own store. A seeded pod is killed, then the kind node of a seeded pod is
 * stopped until a pod is no longer Ready, and started again. Verified: same pod names, ordinals, claims and volumes,
 * all Ready within {@link #BOUND} ({@link Checkers#statefulSetRecovered}); each pod reads back its marker
 * ({@link Checkers#dataKept}: a wiped volume is caught); every fault recovered and healed; steady state after.
 */
@ChaosTest
class StatefulSetRecoversAfterPodKillAndNodeStopScenario {

  static final Duration BOUND = Duration.ofMinutes(3);

  @Test
  void podsComeBackWithTheirNamesVolumesAndData(ScenarioContext ctx) {
    StatefulKv kv = ctx.deploy(StatefulKv.of(ctx).replicas(3));
    String pods = ReadyPods.prefix(ctx.namespace(), kv.name());
    StatefulSetSnapshot before = kv.snapshot(null);
    Map<String, String> written = kv.writeEach("marker", ctx.random());
    Run run = ctx.run(WebClient.writes(ctx, kv).rate(20));
    for (Fault fault : List.of(Faults.podKill(Targets.pods(kv).one()).recoverWithin(BOUND),
        Faults.nodeStop(Targets.nodesRunning(kv).one()).recoverWithin(BOUND))) {
      long injected = System.nanoTime();
      run.inject(fault).holdUntil("fewer than 3 " + pods + "* Ready", () -> ReadyPods.of(ctx.timeline().snapshot(),
          pods).min(injected, Long.MAX_VALUE).ready(), ready -> ready < 3, BOUND);
      run.heal();
    }
    run.recover(() -> kv.awaitReady(BOUND));
    List<Duration> recoveries = ReadyPods.of(ctx.timeline().snapshot(), pods).recoveries(ctx.timeline().snapshot(), 3);
    StatefulSetSnapshot after = kv.snapshot(recoveries.isEmpty() ? null : recoveries.get(recoveries.size() - 1));
    Map<String, String> read = kv.readEach("marker");
    run.measure("all Ready after the last fault", after.readyAfter()); // restarts: in the verdict's details

    assertThat(run.check(Checkers.availability(AvailabilityThresholds.none()),
        Checkers.statefulSetRecovered(BOUND).on(facts -> BeforeAfter.of(before, after)),
        Checkers.dataKept().on(facts -> BeforeAfter.of(written, read)))).isValid();
  }
}
