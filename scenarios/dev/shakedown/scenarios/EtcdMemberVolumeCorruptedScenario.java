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
import dev.shakedown.etcd.EtcdManifests;
import dev.shakedown.etcd.EtcdMemberFailure;
import dev.shakedown.etcd.EtcdMemberReplacement;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.fault.VolumeFile;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An etcd follower's WAL (first segment, replayed on every start) corrupted under write load, its pod killed: it fails
 * and says why, the other two keep serving, it is replaced (remove, add, empty volume, resync), and every acknowledged
 * write is present, also when read through the replaced member alone.
 */
@ChaosTest
class EtcdMemberVolumeCorruptedScenario {

  static final String WAL = "member/wal/0000000000000000-0000000000000000.wal";

  @Test
  void theCorruptMemberFailsIsReplacedAndEveryAcknowledgedWriteIsIntact(ScenarioContext ctx) {
    Etcd etcd = ctx.deploy(Etcd.of(ctx));
    var watch = ctx.register(EtcdLeaderWatch.start(ctx.register(etcd.members()), ctx.timeline(), ofMillis(500)));
    Run run = ctx.run(EtcdClient.load(ctx, etcd).rate(20)).holdUntilOk(100, ofMinutes(2));
    String leader = run.holdUntil("etcd has a leader", watch::current, Optional::isPresent, ofSeconds(30)).get();
    var followers = etcd.memberNames().stream().filter(m -> !m.equals(leader)).toList();
    String victim = followers.get(ctx.random().nextInt(followers.size()));
    run.measure("leader", leader).measure("corrupted member (a follower, seeded choice)", victim)
        .inject(Faults.flipBytes(VolumeFile.path(EtcdManifests.claimName(victim), WAL)).bytes(8).within(0, 4096))
        .inject(Faults.podKill(Targets.pod(victim)).recoverWithin(ofMinutes(1))); // healed after the replacement
    var failure = ctx.phase("detect", () -> EtcdMemberFailure.await(etcd, victim, ofMinutes(2)));
    run.measure("how it failed", failure.how()).measure("why (its last fatal log entry)", failure.cause())
        .holdUntilOk(40, ofMinutes(1)) // the other two keep acknowledging
        .recover(() -> run.measure("replaced", EtcdMemberReplacement.of(etcd).replace(victim))).heal()
        .holdUntilOk(40, ofMinutes(1));
    assertThat(run.finalRead(ofSeconds(60))).isOk();
    assertThat(run.finalReadThrough("etcd-" + victim, etcd.etcdClient(victim), ofSeconds(60))).isOk();

    var verdict = run.check(Checkers.noLostWrites().on(Facts::history));
    assertThat(failure.cause()) // a flipped CRC, a torn-write cut, or a record etcd can no longer decode
        .containsAnyOf("crc mismatch", "wal", "raft log", "out of range", "corrupt", "proto: wrong wireType");
    assertThat(verdict).isValid();
    assertThat(verdict.part("no-lost-writes").count("final-reads")).isEqualTo(2);
  }
}
