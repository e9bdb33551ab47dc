package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.history.Timeline;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class TargetsTest {

  KubernetesClient client;

  @BeforeEach
  void pods() {
    for (int i = 0; i < 6; i++) {
      Fixtures.pod(client, "web-" + i, "worker" + (i % 3), "ReplicaSet", "rs-1", true);
    }
    Fixtures.node(client, "control-plane", true);
    Fixtures.node(client, "worker", false);
    Fixtures.node(client, "worker2", false);
    Fixtures.node(client, "worker3", false);
  }

  FaultScope scope(long seed) {
    return new FaultScope(client, Fixtures.NS, new Timeline(), new Random(seed), null);
  }

  static List<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getName()).toList();
  }

  @Test
  void sameSeedGivesSameTargets() {
    PodTargets targets = Targets.bySelector("app=web").count(2);
    List<String> first = names(targets.select(scope(7)));
    for (int i = 0; i < 5; i++) {
      assertThat(names(targets.select(scope(7)))).isEqualTo(first);
    }
    Set<List<String>> seen = new HashSet<>();
    for (long seed = 0; seed < 30; seed++) {
      seen.add(names(targets.select(scope(seed))));
    }
    assertThat(seen).as("different seeds choose different pods").hasSizeGreaterThan(3);
  }

  @Test
  void amounts() {
    assertThat(Targets.bySelector(Map.of("app", "web")).select(scope(1))).hasSize(1);
    assertThat(Targets.bySelector("app=web").percent(50).select(scope(1))).hasSize(3);
    assertThat(Targets.bySelector("app=web").percent(34).select(scope(1))).hasSize(3);
    assertThat(Targets.bySelector("app=web").percent(0).select(scope(1))).isEmpty();
    assertThat(Targets.bySelector("app=web").all().select(scope(1))).hasSize(6);
    assertThat(Targets.bySelector("app=web").minority().select(scope(1))).hasSize(2);
    assertThat(Targets.bySelector("app=web").majority().select(scope(1))).hasSize(4);
    assertThat(names(Targets.pod("web-3").select(scope(1)))).containsExactly("web-3");
  }

  @Test
  void invalidAmountsFailWhenBuilt() {
    assertThatThrownBy(() -> Targets.bySelector("app=web").percent(101))
        .isInstanceOf(TargetException.class).hasMessageContaining("percent must be within 0..100, was 101");
    assertThatThrownBy(() -> Targets.bySelector("app=web").percent(-1))
        .isInstanceOf(TargetException.class).hasMessageContaining("was -1");
    assertThatThrownBy(() -> Targets.workers().count(0))
        .isInstanceOf(TargetException.class).hasMessageContaining("count must be at least 1");
    assertThatThrownBy(() -> Targets.bySelector("app"))
        .isInstanceOf(TargetException.class).hasMessageContaining("expected key=value");
  }

  @Test
  void tooFewOrNoCandidatesFailNamingTheSelection() {
    assertThatThrownBy(() -> Targets.bySelector("app=web").count(7).select(scope(1)))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("count(7) needs 7 pods matching app=web in namespace chaos, but only 6 match");
    assertThatThrownBy(() -> Targets.bySelector("app=db").select(scope(1)))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("no running pod matching app=db in namespace chaos");
    assertThatThrownBy(() -> Targets.pod("ghost").select(scope(1)))
        .isInstanceOf(TargetException.class).hasMessageContaining("Pod chaos/ghost not found");
    assertThatThrownBy(() -> Targets.node("ghost").select(scope(1)))
        .isInstanceOf(TargetException.class).hasMessageContaining("Node ghost not found");
    assertThatThrownBy(() -> Targets.workers().count(4).select(scope(1)))
        .isInstanceOf(TargetException.class).hasMessageContaining("needs 4 nodes without role control-plane");
  }

  @Test
  void workersExcludeTheControlPlane() {
    assertThat(Targets.workers().all().select(scope(3))).containsExactly("worker", "worker2", "worker3");
    assertThat(Targets.nodes().all().select(scope(3))).hasSize(4).contains("control-plane");
    assertThat(Targets.workers().one().select(scope(3))).hasSize(1).isSubsetOf("worker", "worker2", "worker3");
    assertThat(Targets.node("worker2").select(scope(3))).containsExactly("worker2");
  }

  @Test
  void describesItself() {
    assertThat(Targets.bySelector("app=web").percent(50)).hasToString("percent(50) of pods matching app=web");
    assertThat(Targets.workers().one()).hasToString("one() of nodes without role control-plane");
  }
}
