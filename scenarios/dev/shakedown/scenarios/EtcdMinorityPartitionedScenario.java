package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.client.Load;
import dev.shakedown.etcd.Etcd;
import dev.shakedown.etcd.EtcdClient;
import dev.shakedown.etcd.EtcdLeaderWatch;
import dev.shakedown.etcd.EtcdMembers;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.history.Operation;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A follower is cut from the other two etcd members under write load while a second client writes through it alone:
 * it acknowledges nothing while cut off (a split brain if it did), catches up after the heal; no write is lost.
 */
@ChaosTest
class EtcdMinorityPartitionedScenario {

  @Test
  void theMinorityAcknowledgesNothingAndCatchesUpAfterTheHeal(ScenarioContext ctx) {
    Etcd etcd = ctx.deploy(Etcd.of(ctx));
    EtcdMembers members = ctx.register(etcd.members());
    EtcdLeaderWatch watch = ctx.register(EtcdLeaderWatch.start(members, ctx.timeline(), ofMillis(200)));
    Run run = ctx.run(EtcdClient.load(ctx, etcd).rate(20)).holdUntilOk(100, ofMinutes(2));
    String leader = run.holdUntil("etcd has a leader", watch::current, Optional::isPresent, ofSeconds(30)).orElseThrow();
    String minority = etcd.memberNames().stream().filter(m -> !m.equals(leader)).findFirst().orElseThrow();
    Load viaMinority = EtcdClient.loadThrough(ctx, etcd, minority).start();
    run.holdUntil("10 writes through " + minority + " acknowledged", () -> ok(viaMinority), n -> n >= 10, ofSeconds(30));

    run.measure("minority member (a follower of " + leader + ")", minority).inject(Faults.isolate(Targets.pod(minority)));
    long cut = System.nanoTime();
    run.hold(ofSeconds(20)).holdUntilOk(60, ofMinutes(1));
    long healing = System.nanoTime();
    run.heal().recover(() -> members.awaitCaughtUp(minority, 0, ofMinutes(2)))
        .measure("catch-up (heal -> minority caught up)", Duration.ofNanos(System.nanoTime() - healing));
    long again = ok(viaMinority);
    run.holdUntil("writes through " + minority + " acknowledged again", () -> ok(viaMinority), n -> n >= again + 10,
        ofMinutes(1));
    run.measure("leaders seen", watch.changes());
    assertThat(run.finalRead(ofSeconds(60))).isOk();
    assertThat(run.check(Checkers.noLostWrites().on(Facts::history),
        Checkers.noWriteAcknowledgedBetween(cut, healing).on(facts -> viaMinority.history()))).isValid();
  }

  private static long ok(Load load) {
    return load.history().snapshot().stream().filter(Operation::isOk).count();
  }
}
