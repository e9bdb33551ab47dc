package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.etcd.Etcd;
import dev.shakedown.etcd.EtcdClient;
import dev.shakedown.etcd.EtcdLeaderWatch;
import dev.shakedown.etcd.EtcdMembers;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The etcd leader is killed under write load: SIGKILL from its node, so it cannot hand leadership over as it does on
 * SIGTERM. A leader is elected in a later term (usually a survivor; the restarted member may win again), the killed
 * member restarts on its own volume and catches up, and no acknowledged write is lost.
 */
@ChaosTest
class EtcdLeaderKillScenario {

  static final Duration READY = ofMinutes(4);

  @Test
  void aNewLeaderIsElectedAndNoAcknowledgedWriteIsLost(ScenarioContext ctx) {
    Etcd etcd = ctx.deploy(Etcd.of(ctx));
    EtcdMembers members = ctx.register(etcd.members());
    EtcdLeaderWatch watch = ctx.register(EtcdLeaderWatch.start(members, ctx.timeline(), ofMillis(200)));
    Run run = ctx.run(EtcdClient.load(ctx, etcd).rate(20)).holdUntilOk(100, ofMinutes(2));
    run.holdUntil("etcd has a leader", watch::current, Optional::isPresent, ofSeconds(30));
    EtcdLeaderWatch.Change before = watch.last().orElseThrow();
    String leader = before.leader().orElseThrow();
    long killed = System.nanoTime();
    run.measure("leader before the kill", leader + " (term " + before.term() + ")")
        .inject(Faults.containerCrash(Targets.pod(leader)).recoverWithin(READY));
    EtcdLeaderWatch.Change elected = run.holdUntil("a leader elected in a term after " + before.term(),
        () -> watch.firstElectionAfter(killed, before.term()), Optional::isPresent, ofSeconds(60)).orElseThrow();
    run.measure("new leader", elected.leader().orElseThrow() + " (term " + elected.term() + ")")
        .measure("leader election (kill -> new leader seen)", Duration.ofNanos(elected.nanos() - killed))
        .holdUntilOk(60, ofMinutes(2)).heal() // the killed member restarted and Ready
        .recover(() -> members.awaitCaughtUp(leader, 0, ofMinutes(2)));
    run.measure("recovery (kill -> killed member caught up)", Duration.ofNanos(System.nanoTime() - killed))
        .holdUntilOk(40, ofMinutes(1)).measure("leaders seen", watch.changes());

    assertThat(run.finalRead(ofSeconds(60))).isOk();
    assertThat(run.check(Checkers.noLostWrites().on(Facts::history))).isValid();
    assertThat(elected.term()).as("a leader elected after the kill, in a later term").isGreaterThan(before.term());
  }
}
