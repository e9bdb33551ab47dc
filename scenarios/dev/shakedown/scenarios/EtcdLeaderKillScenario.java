package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.scenarios.EtcdScenarioSupport.awaitAcknowledged;
import static dev.shakedown.scenarios.EtcdScenarioSupport.hold;
import static dev.shakedown.scenarios.EtcdScenarioSupport.since;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shakedown.check.Checkers;
import dev.shakedown.client.Load;
import dev.shakedown.check.Verdict;
import dev.shakedown.fault.FaultHandle;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.etcd.EtcdLeaderWatch;
import dev.shakedown.observe.TimelineRecorder;
import dev.shakedown.scenario.Phase;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.etcd.Etcd;
import dev.shakedown.etcd.EtcdCatchUp;
import dev.shakedown.etcd.EtcdMembers;
import dev.shakedown.etcd.EtcdClient;
import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import dev.shakedown.workload.Workloads;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The etcd leader is killed under write load: SIGKILL from its node, so it cannot hand leadership over as it does
 * on SIGTERM (a pod delete). A new leader is elected in a later term (usually a survivor; the restarted member may
 * win again when the kubelet brings it back before the election timeout), the killed member restarts on its own
 * volume and catches up, and no acknowledged write is lost.
 */
@ChaosTest
class EtcdLeaderKillScenario {

  static final Duration READY = Duration.ofMinutes(4);

  @Test
  void aNewLeaderIsElectedAndNoAcknowledgedWriteIsLost(ScenarioContext ctx) {
    EtcdScenarioSupport report = new EtcdScenarioSupport(ctx);
    Etcd etcd = Etcd.of(ctx);
    ctx.phase(Phase.STEADY, () -> {
      etcd.deploy().awaitReady(READY);
      TimelineRecorder.start(ctx);
    });
    EtcdMembers members = ctx.register(etcd.members());
    EtcdLeaderWatch watch = ctx.register(EtcdLeaderWatch.start(members, ctx.timeline(), Duration.ofMillis(200)));
    Load load = EtcdClient.load(ctx, etcd).rate(20);
    History history = load.history();

    ctx.phase(Phase.LOAD, () -> {
      load.start();
      awaitAcknowledged(history, 100, Duration.ofMinutes(2));
    });

    record Kill(String leader, long term, long at, FaultHandle handle) {}
    Kill kill = ctx.phase(Phase.INJECT, () -> {
      await("etcd has a leader").atMost(Duration.ofSeconds(30)).until(() -> watch.current().isPresent());
      EtcdLeaderWatch.Change before = watch.last().orElseThrow();
      String leader = before.leader().orElseThrow();
      report.measure("leader before the kill", leader + " (term " + before.term() + ")");
      long at = System.nanoTime();
      return new Kill(leader, before.term(), at,
          Faults.containerCrash(Targets.pod(leader)).recoverWithin(READY).inject(ctx));
    });

    ctx.phase(Phase.HOLD, () -> {
      EtcdLeaderWatch.Change change = await("a leader elected in a term after " + kill.term())
          .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
          .until(() -> watch.firstElectionAfter(kill.at(), kill.term()), Optional::isPresent).orElseThrow();
      String elected = change.leader().orElseThrow();
      report.measure("new leader", elected + " (term " + change.term() + ")"
          + (elected.equals(kill.leader()) ? ": the restarted member won the election again" : ""));
      report.measure("leader election (kill -> new leader seen)", Duration.ofNanos(change.nanos() - kill.at()));
      awaitAcknowledged(history, 60, Duration.ofMinutes(2));
    });

    ctx.phase(Phase.HEAL, () -> {
      kill.handle().close();
      report.measure("killed member restarted and Ready again (kill -> Ready)", since(kill.at()));
    });

    ctx.phase(Phase.RECOVER, () -> {
      EtcdCatchUp caughtUp = members.awaitCaughtUp(kill.leader(), 0, Duration.ofMinutes(2));
      report.measure("recovery (kill -> killed member caught up with the leader)", since(kill.at()));
      report.measure("killed member after catch-up", caughtUp.member());
      awaitAcknowledged(history, 40, Duration.ofMinutes(1));
      hold(Duration.ofSeconds(2));
      load.stop();
    });

    ctx.phase(Phase.VERIFY, () -> {
      Operation read = load.finalRead(Duration.ofSeconds(60));
      Verdict verdict = Checkers.noLostWrites().check(history);
      report.measure("longest gap between acknowledged writes after the kill",
          EtcdScenarioSupport.longestWriteGap(history, kill.at()));
      report.counts("writes", verdict);
      report.measure("skipped ticks (all processes busy)", load.skipped());
      report.leaders(watch, kill.at());
      report.measure("verdict", verdict.summary());
      report.attach("etcd leader killed under write load: measurements");

      assertThat(read.isOk()).as("final read: %s", read).isTrue();
      assertThat(verdict).isValid();
      assertThat(watch.changes()).as("a leader elected after the kill, in a later term")
          .anySatisfy(c -> assertThat(c.leader().isPresent() && c.term() > kill.term()).isTrue());
    });
  }
}
