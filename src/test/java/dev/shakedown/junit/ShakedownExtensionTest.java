package dev.shakedown.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.shakedown.cluster.Cluster;
import dev.shakedown.cluster.ClusterUnavailableException;
import dev.shakedown.cluster.RunIdentity;
import dev.shakedown.cluster.ShakedownLabels;
import dev.shakedown.scenario.AlwaysClose;
import dev.shakedown.scenario.ScenarioContext;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The extension's own behaviour, run through the JUnit engine against a fabric8 mock server. */
@EnableKubernetesMockClient(crud = true)
class ShakedownExtensionTest {

  static KubernetesMockServer server;
  static KubernetesClient client;
  static final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void reset() {
    server.reset();
    seen.clear();
    MockClusterProvider.reset(client.getConfiguration());
  }

  private static EngineExecutionResults run(Class<?> fixture, Map<String, String> settings) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
        .configurationParameter(RunState.PROVIDER, MockClusterProvider.class.getName())
        .configurationParameters(settings).execute();
  }

  private static Namespace namespace(String name) {
    return client.namespaces().withName(name).get();
  }

  @Test
  void eachTestGetsALabelledNamespaceThatIsDeletedAfterwards() {
    run(NamespaceFixture.class, Map.of(ShakedownExtension.SEED, "42")).testEvents()
        .assertStatistics(s -> s.started(2).succeeded(2));

    assertThat(seen).hasSize(4);
    assertThat(seen.get(0)).startsWith("sd-first-");
    assertThat(seen.get(1)).startsWith("run=").contains("managed=true").contains("test=first").contains("seed=42");
    assertThat(seen.get(2)).startsWith("sd-second-").isNotEqualTo(seen.get(0));
    assertThat(namespace(seen.get(0))).isNull();
    assertThat(namespace(seen.get(2))).isNull();
    assertThat(client.leases().inNamespace("default").list().getItems()).as("run lease deleted at run end").isEmpty();
    assertThat(MockClusterProvider.connects).hasValue(1);
  }

  @Test
  void alwaysClosesRegisteredResourcesNewestFirst() {
    run(CleanupFixture.class, Map.of()).testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));

    assertThat(seen).containsExactlyInAnyOrder("closed fault of passes", "closed workload of passes",
        "closed fault of fails", "closed workload of fails");
    assertThat(seen.indexOf("closed fault of passes")).isLessThan(seen.indexOf("closed workload of passes"));
    assertThat(client.namespaces().withLabel(ShakedownLabels.MANAGED).list().getItems()).isEmpty();
  }

  @Test
  void onSuccessKeepsAFailedTestsNamespaceButStillHealsFaults() {
    run(OnSuccessFixture.class, Map.of()).testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));

    assertThat(seen).contains("closed fault of passes", "closed workload of passes", "closed fault of fails")
        .doesNotContain("closed workload of fails");
    assertThat(client.namespaces().withLabel(ShakedownLabels.MANAGED).list().getItems())
        .extracting(ns -> ns.getMetadata().getLabels().get(ShakedownLabels.TEST)).containsExactly("fails");
  }

  @Test
  void neverFromTheSettingKeepsEverythingButFaultsAndAMethodAnnotationWins() {
    run(CleanupFixture.class, Map.of(CleanupMode.PROPERTY, "never")).testEvents()
        .assertStatistics(s -> s.started(2).succeeded(1).failed(1));
    assertThat(seen).containsExactlyInAnyOrder("closed fault of passes", "closed fault of fails");
    assertThat(client.namespaces().withLabel(ShakedownLabels.MANAGED).list().getItems()).hasSize(2);

    seen.clear();
    run(MethodModeFixture.class, Map.of()).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    assertThat(seen).containsExactly("closed fault of kept");
  }

  @Test
  void aBadCleanupSettingIsAConfigurationError() {
    run(CleanupFixture.class, Map.of(CleanupMode.PROPERTY, "sometimes")).testEvents()
        .assertThatEvents().haveExactly(2, event(test(), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
            message(m -> m.contains("shakedown.cleanup='sometimes'") && m.contains("always, on_success, never")))));
  }

  @Test
  void aScenarioContextOutsideATestIsAParameterResolutionErrorNamingTheParameter() {
    run(BeforeAllFixture.class, Map.of()).containerEvents().assertThatEvents()
        .haveExactly(1, event(container(BeforeAllFixture.class), finishedWithFailure(
            instanceOf(ParameterResolutionException.class),
            message(m -> m.contains("Parameter [dev.shakedown.scenario.ScenarioContext arg0] at index 0 of BeforeAllFixture.setUp")
                && m.contains("exists only per test")
                && m.contains("can take a dev.shakedown.cluster.Cluster")))));
  }

  @Test
  void clusterCanBeInjectedIntoBeforeAll() {
    run(ClusterBeforeAllFixture.class, Map.of()).testEvents().assertStatistics(s -> s.succeeded(1));
    assertThat(seen).containsExactly("kind-mock");
  }

  @Test
  void aTestThatLeavesANodeCordonedFailsAndTheNodeIsRestored() {
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName("kind-worker").endMetadata().build()).create();

    run(ResidueFixture.class, Map.of()).testEvents().assertThatEvents()
        .haveExactly(1, event(test("leavesNodeCordoned"), finishedWithFailure(instanceOf(ResidueException.class),
            message(m -> m.contains("leavesNodeCordoned did not restore what it changed")
                && m.contains("node/kind-worker is still cordoned by the harness")
                && m.contains("the harness has restored these nodes")))));

    assertThat(client.nodes().withName("kind-worker").get().getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void aContextThatIsNotAllowListedIsRefusedBeforeAnyWrite() {
    MockClusterProvider.context = "gke_prod";

    run(NamespaceFixture.class, Map.of()).testEvents().assertThatEvents()
        .haveExactly(2, event(test(), finishedWithFailure(message(m -> m.contains("Refusing to act on kubeconfig context 'gke_prod'")
            && m.contains("-Dshakedown.allowedContexts=gke_prod")))));
    assertThat(client.namespaces().list().getItems()).isEmpty();
    assertThat(client.leases().inAnyNamespace().list().getItems()).isEmpty();

    run(NamespaceFixture.class, Map.of("shakedown.allowedContexts", "gke_*")).testEvents()
        .assertStatistics(s -> s.succeeded(2));
  }

  @Test
  void anUnavailableClusterFailsEveryTestWithoutRetrying() {
    MockClusterProvider.failure = new ClusterUnavailableException("cluster of kubeconfig context 'kind-x' is unreachable");

    run(NamespaceFixture.class, Map.of()).testEvents().assertThatEvents()
        .haveExactly(2, event(test(), finishedWithFailure(message(m -> m.contains("'kind-x' is unreachable")))));
    assertThat(MockClusterProvider.connects).hasValue(1);
  }

  @Test
  void aProviderThatIsNotAProviderIsAConfigurationError() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(NamespaceFixture.class))
        .configurationParameter(RunState.PROVIDER, String.class.getName()).execute().testEvents().assertThatEvents()
        .haveExactly(2, event(test(), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
            message(m -> m.contains("shakedown.clusterProvider='java.lang.String'")))));
  }

  @Test
  void theFirstTestSweepsNamespacesOfDeadRuns() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("sd-left-over-abcde")
        .addToLabels(ShakedownLabels.MANAGED, "true").addToLabels(ShakedownLabels.RUN, "20260101-000000-dead")
        .addToAnnotations(ShakedownLabels.OWNER, RunIdentity.create().host() + "/2147483000/1")
        .endMetadata().build()).create();

    run(NamespaceFixture.class, Map.of()).testEvents().assertStatistics(s -> s.succeeded(2));

    assertThat(namespace("sd-left-over-abcde")).isNull();
  }

  // ---- fixtures, run only through EngineTestKit (surefire skips nested classes) ----

  @ChaosTest
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class NamespaceFixture {
    @Test
    void first(ScenarioContext ctx, Cluster cluster) {
      record(ctx);
      assertThat(cluster).isSameAs(ctx.cluster());
    }

    @Test
    void second(ScenarioContext ctx) {
      record(ctx);
    }

    private static void record(ScenarioContext ctx) {
      seen.add(ctx.namespace());
      Map<String, String> labels = ctx.client().namespaces().withName(ctx.namespace()).get().getMetadata().getLabels();
      seen.add("run=" + labels.get(ShakedownLabels.RUN) + " managed=" + labels.get(ShakedownLabels.MANAGED)
          + " test=" + labels.get(ShakedownLabels.TEST) + " seed=" + ctx.seed());
    }
  }

  static void registerBoth(ScenarioContext ctx, String test) {
    ctx.register(() -> seen.add("closed workload of " + test));
    ctx.register((AlwaysClose) () -> seen.add("closed fault of " + test));
  }

  @ChaosTest
  static class CleanupFixture {
    @Test
    void passes(ScenarioContext ctx) {
      registerBoth(ctx, "passes");
    }

    @Test
    void fails(ScenarioContext ctx) {
      registerBoth(ctx, "fails");
      throw new AssertionError("planted failure");
    }
  }

  @ChaosTest(cleanup = CleanupMode.ON_SUCCESS)
  static class OnSuccessFixture extends CleanupFixture {}

  @ChaosTest
  static class MethodModeFixture {
    @Test
    @ChaosTest(cleanup = CleanupMode.NEVER)
    void kept(ScenarioContext ctx) {
      registerBoth(ctx, "kept");
    }
  }

  @ChaosTest
  static class BeforeAllFixture {
    @BeforeAll
    static void setUp(ScenarioContext ctx) {}

    @Test
    void never() {}
  }

  @ChaosTest
  static class ClusterBeforeAllFixture {
    @BeforeAll
    static void setUp(Cluster cluster) {
      seen.add(cluster.context());
    }

    @Test
    void runs() {}
  }

  @ChaosTest
  static class ResidueFixture {
    @Test
    void leavesNodeCordoned(ScenarioContext ctx) {
      ctx.client().nodes().withName("kind-worker").edit(n -> new NodeBuilder(n).editOrNewSpec().withUnschedulable(true)
          .endSpec().editMetadata().addToAnnotations(ShakedownLabels.CORDONED, "true").endMetadata().build());
    }
  }
}
