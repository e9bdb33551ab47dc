package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ResidueCheckTest {

  static KubernetesMockServer server;
  static KubernetesClient client;

  private final RunIdentity self = RunIdentity.create();
  private final FakeDocker docker = new FakeDocker("shakedown")
      .node("shakedown-worker", "worker", "running")
      .node("shakedown-worker2", "worker", "running")
      .node("shakedown-worker3", "worker", "exited");
  private Cluster cluster;

  @BeforeEach
  void cluster() {
    server.reset();
    cluster = Cluster.of(client, "kind-shakedown", "shakedown", docker::client);
    for (String node : List.of("shakedown-worker", "shakedown-worker2", "shakedown-worker3")) {
      Fixtures.readyNode(client, node, Fixtures.now().plusMinutes(1));
    }
  }

  @Test
  void nothingChangedIsNoResidue() {
    Fixtures.cordon(client, "shakedown-worker2", null);
    ResidueCheck check = ResidueCheck.before(cluster, self);
    assertThat(check.residue()).isEmpty();
  }

  @Test
  void aNodeLeftCordonedOrStoppedIsResidueAndIsRepaired() {
    ResidueCheck check = ResidueCheck.before(cluster, self);
    Fixtures.cordon(client, "shakedown-worker", self.runId());
    cluster.node("shakedown-worker2").pause();

    assertThat(check.residue()).containsExactly(
        "node/shakedown-worker is still cordoned by the harness (annotation shakedown.dev/cordoned)",
        "node/shakedown-worker2 container is paused, expected running (paused by this run)");

    assertThat(check.repair(Duration.ofSeconds(5))).isEmpty();
    assertThat(check.residue()).isEmpty();
    assertThat(Fixtures.unschedulable(client, "shakedown-worker")).isFalse();
    assertThat(docker.states).containsEntry("shakedown-worker2", "running").containsEntry("shakedown-worker3", "exited");
  }

  @Test
  void changesOfAnotherLiveRunAreNotBlamedOnThisTest() {
    ResidueCheck check = ResidueCheck.before(cluster, self);
    Fixtures.runLease(client, "other-run", self.owner(), Fixtures.now());
    Fixtures.cordon(client, "shakedown-worker", "other-run");
    docker.states.put("shakedown-worker2", "exited");

    assertThat(check.residue()).isEmpty();
  }

  @Test
  void aContainerStoppedBehindTheHarnessIsResidueWhenNoOtherRunLives() {
    ResidueCheck check = ResidueCheck.before(cluster, self);
    docker.states.put("shakedown-worker2", "exited");

    assertThat(check.residue()).containsExactly("node/shakedown-worker2 container is exited, expected running");
  }
}
