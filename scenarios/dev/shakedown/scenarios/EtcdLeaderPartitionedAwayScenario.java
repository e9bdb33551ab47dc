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
 * The etcd leader is cut from the other two members under write load (a network partition: it is the minority of
 * one, and its peers drop every packet from and to it). The majority elects a leader in a later term; once the
 * partition heals, the old leader catches up, and no acknowledged write is lost.
 */
@ChaosTest
class EtcdLeaderPartitionedAwayScenario {

  @Test
  void theMajorityElectsANewLeaderAndNoAcknowledgedWriteIsLost(ScenarioContext ctx) {
    Etcd etcd = ctx.deploy(Etcd.of(ctx));
    EtcdMembers members = ctx.register(etcd.members());
    EtcdLeaderWatch watch = ctx.register(EtcdLeaderWatch.start(members, ctx.timeline(), ofMillis(200)));
    Run run = ctx.run(EtcdClient.load(ctx, etcd).rate(20)).holdUntilOk(100, ofMinutes(2));
    run.holdUntil("etcd has a leader", watch::current, Optional::isPresent, ofSeconds(30));
    EtcdLeaderWatch.Change before = watch.last().orElseThrow();
    String leader = before.leader().orElseThrow();
    long cut = System.nanoTime();
    run.measure("leader before the partition", leader + " (term " + before.term() + ")")
        .inject(Faults.isolate(Targets.pod(leader)));
    EtcdLeaderWatch.Change elected = run.holdUntil("a leader elected in a term after " + before.term(),
        () -> watch.firstElectionAfter(cut, before.term()), Optional::isPresent, ofSeconds(60)).orElseThrow();
    run.measure("new leader", elected.leader().orElseThrow() + " (term " + elected.term() + ")")
        .measure("leader election (partition -> new leader seen)", Duration.ofNanos(elected.nanos() - cut))
        .holdUntilOk(60, ofMinutes(2)).heal();
    long healed = System.nanoTime();
    run.recover(() -> members.awaitCaughtUp(leader, 0, ofMinutes(2)))
        .measure("catch-up (heal -> old leader caught up)", Duration.ofNanos(System.nanoTime() - healed))
        .holdUntilOk(40, ofMinutes(1)).measure("leaders seen", watch.changes());

    assertThat(run.finalRead(ofSeconds(60))).isOk();
    assertThat(run.check(Checkers.noLostWrites().on(Facts::history))).isValid();
    assertThat(elected.leader()).as("the new leader is on the majority side").isNotEqualTo(Optional.of(leader));
  }
}
