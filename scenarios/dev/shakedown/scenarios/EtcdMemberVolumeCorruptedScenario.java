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
import dev.shakedown.fault.VolumeFile;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.etcd.EtcdLeaderWatch;
import dev.shakedown.observe.TimelineRecorder;
import dev.shakedown.etcd.EtcdMemberFailure;
import dev.shakedown.etcd.EtcdMemberReplacement;
import dev.shakedown.etcd.EtcdReplacement;
import dev.shakedown.report.AllureReport;
import dev.shakedown.scenario.Phase;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.etcd.Etcd;
import dev.shakedown.etcd.EtcdManifests;
import dev.shakedown.etcd.EtcdMembers;
import dev.shakedown.etcd.EtcdClient;
import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import dev.shakedown.workload.Workloads;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One etcd follower's volume is corrupted under write load: bytes at the start of its write-ahead log are flipped
 * (records etcd never rewrites, but replays on every start) and its pod is killed. The member must fail to start
 * and say why: "walpb: crc mismatch" when a flipped byte breaks a record's CRC, or a raft panic ("tocommit(..) is out
 * of range ... raft log corrupted, truncated, or lost?") when a flipped length made etcd take the rest of the WAL for
 * a torn write and cut it off. The cluster keeps serving on the other two; the member is replaced (remove, add, new
 * empty volume, resync) and every acknowledged write is present, also when read through the replaced member.
 */
@ChaosTest
class EtcdMemberVolumeCorruptedScenario {

  static final Duration READY = Duration.ofMinutes(4);
  /** The first WAL segment: etcd replays it from its first record (a rolling CRC) whenever the member starts. */
  static final String WAL = "member/wal/0000000000000000-0000000000000000.wal";

  @Test
  void theCorruptMemberFailsIsReplacedAndEveryAcknowledgedWriteIsIntact(ScenarioContext ctx) {
    EtcdScenarioSupport report = new EtcdScenarioSupport(ctx);
    Etcd etcd = Etcd.of(ctx);
    ctx.phase(Phase.STEADY, () -> {
      etcd.deploy().awaitReady(READY);
      TimelineRecorder.start(ctx);
    });
    EtcdMembers members = ctx.register(etcd.members());
    EtcdLeaderWatch watch = ctx.register(EtcdLeaderWatch.start(members, ctx.timeline(), Duration.ofMillis(500)));
    Load load = EtcdClient.load(ctx, etcd).rate(20);
    History history = load.history();

    ctx.phase(Phase.LOAD, () -> {
      load.start();
      awaitAcknowledged(history, 100, Duration.ofMinutes(2));
    });

    record Kill(String victim, long at, FaultHandle handle) {}
    Kill kill = ctx.phase(Phase.INJECT, () -> {
      String leader = await("etcd has a leader").atMost(Duration.ofSeconds(30))
          .until(watch::current, java.util.Optional::isPresent).orElseThrow();
      List<String> followers = etcd.memberNames().stream().filter(m -> !m.equals(leader)).toList();
      String victim = followers.get(ctx.random().nextInt(followers.size()));
      report.measure("leader", leader);
      report.measure("corrupted member (a follower, seeded choice)", victim);
      Faults.flipBytes(VolumeFile.path(EtcdManifests.claimName(victim), WAL)).bytes(8).within(0, 4096)
          .inject(ctx).close(); // corruption is not reversible: closing only marks the (no-op) heal
      long at = System.nanoTime();
      // healed only after the replacement, when the new pod is already Ready: a short bound keeps a failed run short
      return new Kill(victim, at, Faults.podKill(Targets.pod(victim)).recoverWithin(Duration.ofMinutes(1)).inject(ctx));
    });
    String victim = kill.victim();

    ctx.phase("detect", () -> {
      EtcdMemberFailure failure = EtcdMemberFailure.await(etcd, victim, Duration.ofMinutes(2));
      String cause = failure.cause();
      ctx.timeline().record("check", "member-failed", "pod/" + ctx.namespace() + "/" + victim,
          failure.how() + "; " + cause, null);
      AllureReport.attachText("etcd " + victim + " log after the corruption", "text/plain", "txt",
          failure.logTail());
      report.measure("detected (kill -> member seen failing)", since(kill.at()));
      report.measure("how it failed", failure.how());
      report.measure("why (its last fatal / panic log entry)", cause.length() > 400 ? cause.substring(0, 400) : cause);
      assertThat(cause).as("etcd names its corrupt (or, after its torn-write repair, too short) write-ahead log")
          .containsAnyOf("crc mismatch", "wal", "raft log", "out of range", "corrupt");
      awaitAcknowledged(history, 40, Duration.ofMinutes(1));
      report.measure("cluster kept acknowledging writes on two members", "yes (40 more acknowledged)");
    });

    ctx.phase(Phase.RECOVER, () -> {
      long start = System.nanoTime();
      ctx.timeline().record("recovery", "begin", "etcd member " + victim, "member replacement", null);
      EtcdReplacement replaced = EtcdMemberReplacement.of(etcd).replace(victim);
      ctx.timeline().record("recovery", "end", "etcd member " + victim, replaced.toString(), null);
      report.measure("replacement total (remove, add, new volume Ready, resync)", since(start));
      report.measure("  membership change (remove + add)", replaced.membership());
      report.measure("  new pod on an empty volume Ready", replaced.podReady());
      report.measure("  resync to the leader's index", replaced.resync());
      report.measure("  member ids", replaced.oldId() + " -> " + replaced.newId());
      report.measure("  caught up", replaced.memberAtResync());
      report.measure("recovery (kill -> replaced member caught up)", since(kill.at()));
      kill.handle().close();
      awaitAcknowledged(history, 40, Duration.ofMinutes(1));
      hold(Duration.ofSeconds(2));
      load.stop();
    });

    ctx.phase(Phase.VERIFY, () -> {
      Operation read = load.finalRead(Duration.ofSeconds(60));
      // a second final read through the replaced member alone: its own copy must hold every acknowledged write
      Operation readReplaced;
      try (Load reader = Load.of("etcd-read-" + victim, etcd.etcdClient(victim))) {
        readReplaced = reader.finalRead(Duration.ofSeconds(60));
        reader.history().snapshot().forEach(history::append);
      }
      Verdict verdict = Checkers.noLostWrites().check(history);
      report.measure("longest gap between acknowledged writes after the kill",
          EtcdScenarioSupport.longestWriteGap(history, kill.at()));
      report.counts("writes", verdict);
      report.measure("final reads (cluster, replaced member)", verdict.count("final-reads"));
      report.leaders(watch, kill.at());
      report.measure("verdict", verdict.summary());
      report.attach("etcd member volume corrupted: measurements");

      assertThat(read.isOk()).as("final read: %s", read).isTrue();
      assertThat(readReplaced.isOk()).as("final read through %s: %s", victim, readReplaced).isTrue();
      assertThat(verdict).isValid();
      assertThat(verdict.count("final-reads")).isEqualTo(2);
    });
  }
}
