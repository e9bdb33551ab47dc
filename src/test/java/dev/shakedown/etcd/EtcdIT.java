package dev.shakedown.etcd;

import dev.shakedown.client.Load;
import dev.shakedown.history.Operation;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.check.Checkers;
import dev.shakedown.check.Verdict;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@ChaosTest
class EtcdIT {

  @Test
  void threeHealthyMembersOnThreeNodesAcceptAndKeepEveryWrite(ScenarioContext ctx) {
    long start = System.nanoTime();
    Etcd etcd = Etcd.of(ctx).deploy().awaitReady(Duration.ofMinutes(4));
    System.out.printf("MEASURE etcd 3 members Ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);

    List<Pod> pods = etcd.pods();
    assertThat(pods).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("etcd-0", "etcd-1", "etcd-2");
    assertThat(pods.stream().map(p -> p.getSpec().getNodeName()).distinct().count()).as("one member per node")
        .isEqualTo(3);
    assertThat(etcd.claims()).hasSize(3).allSatisfy(c -> assertThat(c.getStatus().getPhase()).isEqualTo("Bound"));

    try (EtcdMembers members = etcd.members()) {
      assertThat(members.list()).hasSize(3).allMatch(EtcdMember::started)
          .extracting(EtcdMember::podName).containsExactly("etcd-0", "etcd-1", "etcd-2");
      Map<String, EtcdMemberStatus> statuses = members.statuses();
      assertThat(statuses).as("every member answers at its own NodePort").hasSize(3);
      assertThat(statuses.values()).extracting(EtcdMemberStatus::leaderId).as("one leader for all").containsOnly(
          statuses.values().iterator().next().leaderId());
      assertThat(members.leader()).isPresent().get().isIn(etcd.memberNames());
      System.out.println("MEASURE etcd leader " + members.leader().orElseThrow() + ", statuses " + statuses.values());
    }

    Load load = EtcdClient.load(ctx, etcd).rate(20);
    load.run(Duration.ofSeconds(5));
    Operation read = load.finalRead(Duration.ofSeconds(60));
    List<Operation> ops = load.history().snapshot();
    long invokes = ops.stream().filter(o -> o.isInvoke() && o.function().equals("write")).count();
    long ok = ops.stream().filter(o -> o.isOk() && o.function().equals("write")).count();
    System.out.printf("MEASURE etcd load 20/s for 5 s: %d invokes, %d ok, %d skipped%n", invokes, ok,
        load.skipped());
    assertThat(read.isOk()).as("final read %s", read).isTrue();
    assertThat(invokes).isBetween(80L, 120L);
    assertThat(ok).isEqualTo(invokes);
    Verdict verdict = Checkers.noLostWrites().check(load.history());
    System.out.println("MEASURE " + verdict.summary());
    assertThat(verdict).isValid();
    assertThat(verdict.count("ok")).isEqualTo(ok);
  }
}
