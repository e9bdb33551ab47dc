package dev.shakedown.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.cluster.Cluster;
import dev.shakedown.history.TimelineEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ScenarioContextTest {

  static KubernetesClient client;

  private ScenarioContext context(long seed) {
    return ScenarioContext.of(Cluster.of(client, "kind-test", ""), "sd-ns-abcde", seed);
  }

  @Test
  void exposesTheClusterAndNamespace() {
    ScenarioContext ctx = context(1);
    assertThat(ctx.client()).isSameAs(client);
    assertThat(ctx.cluster().context()).isEqualTo("kind-test");
    assertThat(ctx.namespace()).isEqualTo("sd-ns-abcde");
  }

  @Test
  void theSameSeedReplaysTheSameChoices() {
    ScenarioContext a = context(-4962768465676381896L);
    ScenarioContext b = context(-4962768465676381896L);
    assertThat(a.seed()).isEqualTo(-4962768465676381896L);
    assertThat(a.random().ints(10, 0, 100).toArray()).isEqualTo(b.random().ints(10, 0, 100).toArray());
  }

  @Test
  void phasesAreMarkedOnTheTimeline() {
    ScenarioContext ctx = context(1);
    List<String> ran = new ArrayList<>();
    ctx.phase(Phase.INJECT, () -> ran.add("inject"));
    assertThatThrownBy(() -> ctx.phase("verify", () -> {
      throw new IllegalStateException("lost a write");
    })).isInstanceOf(IllegalStateException.class).hasMessage("lost a write");

    assertThat(ran).containsExactly("inject");
    assertThat(ctx.timeline().snapshot()).extracting(TimelineEvent::source, TimelineEvent::kind, TimelineEvent::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("phase", "begin", "inject"),
            org.assertj.core.groups.Tuple.tuple("phase", "end", "inject"),
            org.assertj.core.groups.Tuple.tuple("phase", "begin", "verify"),
            org.assertj.core.groups.Tuple.tuple("phase", "failed", "verify"));
  }

  @Test
  void registeredResourcesCloseNewestFirst() {
    ScenarioContext ctx = context(1);
    List<String> closed = new ArrayList<>();
    AutoCloseable first = () -> closed.add("workload");
    assertThat(ctx.register(first)).isSameAs(first);
    ctx.register((AlwaysClose) () -> closed.add("fault"));
    ctx.resources().close();
    assertThat(closed).containsExactly("fault", "workload");
  }

  @Test
  void aPhaseReturnsWhatItsBodyComputes() {
    ScenarioContext ctx = context(1);

    String leader = ctx.phase(Phase.STEADY, () -> "etcd-1");

    assertThat(leader).isEqualTo("etcd-1");
    assertThat(ctx.timeline().snapshot()).extracting(TimelineEvent::kind).containsExactly("begin", "end");
  }

  @Test
  void aClusterNotInSteadyStateAbortsTheTestNamingWhatIsWrong() {
    client.nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName("worker")
        .endMetadata().withNewStatus().addNewCondition().withType("Ready").withStatus("False").endCondition()
        .endStatus().build()).create();
    ScenarioContext ctx = context(1);
    try {
      assertThatThrownBy(() -> ctx.awaitSteadyState(java.time.Duration.ofMillis(1500)))
          .isInstanceOf(org.opentest4j.TestAbortedException.class)
          .hasMessageContaining("not in steady state: [node/worker is not Ready]");
      assertThat(ctx.timeline().snapshot()).extracting(TimelineEvent::kind).contains("not-steady");

      client.nodes().withName("worker").edit(n -> new io.fabric8.kubernetes.api.model.NodeBuilder(n).editStatus()
          .editFirstCondition().withStatus("True").endCondition().endStatus().build());
      ctx.awaitSteadyState(java.time.Duration.ofSeconds(5));
      ctx.awaitSteadyState(java.time.Duration.ofSeconds(5)); // once per test
      assertThat(ctx.timeline().snapshot()).extracting(TimelineEvent::kind).containsOnlyOnce("steady");
    } finally {
      client.nodes().withName("worker").delete();
    }
  }
}
