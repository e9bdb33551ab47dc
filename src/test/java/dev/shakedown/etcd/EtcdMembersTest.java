package dev.shakedown.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtcdMembersTest {

  private static EtcdMemberStatus status(String member, long id, long leader, long term) {
    return new EtcdMemberStatus(member, id, leader, term, 10, 10, 5, List.of());
  }

  @Test
  void theLeaderIsTheOneReportedWithTheHighestTermAndMapsToTheMemberThatAnswered() {
    try (EtcdMembers members = new EtcdMembers(Map.of("etcd-0", URI.create("http://127.0.0.1:1")),
        Duration.ofMillis(200))) {
      Map<String, EtcdMemberStatus> statuses = new LinkedHashMap<>();
      statuses.put("etcd-0", status("etcd-0", 0xa, 0xb, 2));
      statuses.put("etcd-1", status("etcd-1", 0xb, 0xb, 2));
      assertThat(members.leader(statuses)).contains("etcd-1");

      statuses.put("etcd-2", status("etcd-2", 0xc, 0xc, 3));
      assertThat(members.leader(statuses)).as("a newer term wins").contains("etcd-2");

      assertThat(members.leader(Map.of("etcd-0", status("etcd-0", 0xa, 0, 4)))).isEmpty();
      assertThat(members.leader(Map.of())).isEmpty();
      assertThat(members.leader(Map.of("etcd-0", status("etcd-0", 0xa, 0xff, 4))))
          .as("leader not among the answers and no member list: its id").isEqualTo(Optional.of("ff"));
    }
  }

  @Test
  void clusterCallsNeedAMemberToAsk() {
    Map<String, URI> endpoints = Map.of("etcd-0", URI.create("http://127.0.0.1:1"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EtcdMembers(endpoints, Duration.ofMillis(200),
        List.of("etcd-1"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no endpoint among [etcd-1] to ask");
    try (EtcdMembers members = new EtcdMembers(endpoints, Duration.ofMillis(300), List.of("etcd-0"))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(members::list)
          .hasMessageContaining("etcd member list at [http://127.0.0.1:1]: expected an answer within PT0.3S");
      assertThat(members.status("etcd-0")).as("a dead member has no status, no exception").isEmpty();
    }
  }

  @Test
  void anUnstartedMemberIsNamedAfterItsPeerUrl() {
    EtcdMember unstarted = new EtcdMember(0x1f, "", List.of(URI.create("http://etcd-1.etcd.ns.svc:2380")), false);
    assertThat(unstarted.started()).isFalse();
    assertThat(unstarted.podName()).isEqualTo("etcd-1");
    assertThat(unstarted).hasToString("etcd-1 (1f, unstarted)");
    EtcdMember started = new EtcdMember(0x2, "etcd-0", List.of(URI.create("http://etcd-0.etcd.ns.svc:2380")), false);
    assertThat(started.podName()).isEqualTo("etcd-0");
    assertThat(status("etcd-1", 0xb, 0xb, 2).isLeader()).isTrue();
    assertThat(status("etcd-1", 0xb, 0, 2).isLeader()).isFalse();
  }
}
