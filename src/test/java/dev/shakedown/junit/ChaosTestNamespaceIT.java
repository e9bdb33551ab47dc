package dev.shakedown.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.cluster.Cluster;
import dev.shakedown.cluster.ShakedownLabels;
import dev.shakedown.scenario.Phase;
import dev.shakedown.scenario.ScenarioContext;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** On the real kind cluster: every test gets its own labelled namespace, and it is gone after the test. */
@ChaosTest
class ChaosTestNamespaceIT {

  private static final List<String> namespaces = new CopyOnWriteArrayList<>();

  @Test
  void runsInItsOwnLabelledNamespace(ScenarioContext ctx, Cluster cluster) {
    namespaces.add(ctx.namespace());
    assertThat(cluster.context()).isEqualTo("kind-shakedown");
    assertThat(ctx.namespace()).matches("sd-runsinitsownlabellednamespace-[a-z0-9]{5}");

    Namespace ns = ctx.client().namespaces().withName(ctx.namespace()).get();
    assertThat(ns.getMetadata().getLabels()).containsEntry(ShakedownLabels.MANAGED, "true").containsKey(ShakedownLabels.RUN);

    ctx.phase(Phase.LOAD, () -> ctx.client().configMaps().inNamespace(ctx.namespace())
        .resource(new ConfigMapBuilder().withNewMetadata().withName("probe").endMetadata().addToData("k", "v").build())
        .create());
    assertThat(ctx.client().configMaps().inNamespace(ctx.namespace()).withName("probe").get().getData()).containsEntry("k", "v");
    assertThat(ctx.timeline().snapshot()).extracting(e -> e.source() + ":" + e.kind() + ":" + e.subject())
        .contains("phase:begin:load", "phase:end:load");
  }

  @Test
  void anotherTestGetsAnotherNamespace(ScenarioContext ctx) {
    namespaces.add(ctx.namespace());
    assertThat(ctx.client().namespaces().withName(ctx.namespace()).get()).isNotNull();
  }

  @AfterAll
  static void namespacesAreGone(Cluster cluster) {
    assertThat(namespaces).hasSize(2).doesNotHaveDuplicates();
    for (String ns : namespaces) {
      assertThat(cluster.client().namespaces().withName(ns).get()).as("namespace/" + ns + " after its test").isNull();
    }
  }
}
