package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SweeperTest {

  static KubernetesMockServer server;
  static KubernetesClient client;

  private final RunIdentity self = RunIdentity.create();
  private final String deadOwner = self.host() + "/2147483000/1";
  private final FakeDocker docker = new FakeDocker("shakedown")
      .node("shakedown-control-plane", "control-plane", "running")
      .node("shakedown-worker", "worker", "exited")
      .node("shakedown-worker2", "worker", "paused");
  private Cluster cluster;

  @BeforeEach
  void cluster() {
    server.reset();
    cluster = Cluster.of(client, "kind-shakedown", "shakedown", docker::client);
    for (String node : List.of("shakedown-control-plane", "shakedown-worker", "shakedown-worker2")) {
      Fixtures.readyNode(client, node, Fixtures.now().plusMinutes(1));
    }
  }

  /** What the fake node-residue repair reports per node. */
  final java.util.Map<String, List<String>> residue = new java.util.HashMap<>();

  private List<String> sweep() {
    return new Sweeper(cluster, self, Duration.ofSeconds(5), node -> residue.getOrDefault(node.name(), List.of()))
        .sweep();
  }

  @Test
  void deletesNamespacesAndLeasesOfDeadRunsAndKeepsLiveAndOwnOnes() {
    Fixtures.runLease(client, "dead-run", deadOwner, Fixtures.now());
    Fixtures.managedNamespace(client, "sd-dead-abcde", "dead-run", deadOwner);
    Fixtures.managedNamespace(client, "sd-nolease-abcde", "no-lease-run", deadOwner);
    Fixtures.managedNamespace(client, "sd-unknown-abcde", null, "elsewhere/1/1");
    Fixtures.runLease(client, "live-run", "elsewhere/1/1", Fixtures.now());
    Fixtures.managedNamespace(client, "sd-live-abcde", "live-run", "elsewhere/1/1");
    Fixtures.managedNamespace(client, "sd-mine-abcde", self.runId(), self.owner());

    List<String> actions = sweep();

    assertThat(client.namespaces().list().getItems()).extracting(ns -> ns.getMetadata().getName())
        .as("young namespace of an owner on another host is kept").contains("sd-unknown-abcde")
        .containsExactlyInAnyOrder("sd-live-abcde", "sd-mine-abcde", "sd-unknown-abcde");
    assertThat(client.leases().inNamespace("default").list().getItems()).extracting(l -> l.getMetadata().getName())
        .containsExactly("shakedown-run-live-run");
    assertThat(actions).contains("deleted lease of dead run dead-run", "deleted namespace/sd-dead-abcde of run dead-run",
        "deleted namespace/sd-nolease-abcde of run no-lease-run", "left nodes alone: other live runs [live-run]");
  }

  @Test
  void aLeaseFromAnotherHostNotRenewedForItsDurationIsDead() {
    Fixtures.runLease(client, "stale-run", "elsewhere/1/1", Fixtures.now().minusMinutes(10));
    Fixtures.managedNamespace(client, "sd-stale-abcde", "stale-run", "elsewhere/1/1");

    sweep();

    assertThat(client.namespaces().withName("sd-stale-abcde").get()).isNull();
  }

  @Test
  void whenAloneRestoresNodeContainersAndUncordonsNodes() {
    Fixtures.cordon(client, "shakedown-worker", "dead-run");
    Fixtures.cordon(client, "shakedown-worker2", null);
    residue.put("shakedown-worker2", List.of("removed iptables chain SHKD-r-1 in net:[1] on node/shakedown-worker2"));

    List<String> actions = sweep();

    assertThat(docker.states).containsOnly(
        org.assertj.core.api.Assertions.entry("shakedown-control-plane", "running"),
        org.assertj.core.api.Assertions.entry("shakedown-worker", "running"),
        org.assertj.core.api.Assertions.entry("shakedown-worker2", "running"));
    assertThat(Fixtures.unschedulable(client, "shakedown-worker")).isFalse();
    assertThat(Fixtures.unschedulable(client, "shakedown-worker2")).isFalse();
    assertThat(client.nodes().withName("shakedown-worker").get().getMetadata().getAnnotations())
        .doesNotContainKeys(ShakedownLabels.CORDONED, ShakedownLabels.RUN);
    assertThat(actions).contains("started node/shakedown-worker (was exited)", "unpaused node/shakedown-worker2 (was paused)",
        "uncordoned node/shakedown-worker", "uncordoned node/shakedown-worker2",
        "removed iptables chain SHKD-r-1 in net:[1] on node/shakedown-worker2");
  }

  @Test
  void whileAnotherRunLivesNodesAreLeftAlone() {
    Fixtures.runLease(client, "live-run", self.owner(), Fixtures.now());
    Fixtures.cordon(client, "shakedown-worker", "live-run");

    sweep();

    assertThat(docker.calls).isEmpty();
    assertThat(Fixtures.unschedulable(client, "shakedown-worker")).isTrue();
  }

  @Test
  void aSweepThatCannotReachDockerFailsWithTheRealCause() {
    Cluster noDocker = Cluster.of(client, "kind-shakedown", "shakedown", () -> {
      throw new IllegalStateException("pulling alpine:3.17 failed: no registry");
    });

    assertThatThrownBy(() -> new Sweeper(noDocker, self, Duration.ofSeconds(5)).sweep())
        .isInstanceOf(dev.shakedown.ShakedownException.class)
        .hasMessageContaining("cannot list its node containers")
        .hasMessageContaining("pulling alpine:3.17 failed: no registry");
  }
}
