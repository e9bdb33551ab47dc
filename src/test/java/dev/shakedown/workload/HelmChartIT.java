package dev.shakedown.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Helm path: a chart from the test resources, rendered by the pinned Helm, deployed and Ready on kind. */
@ChaosTest
class HelmChartIT {

  static final Path CHARTS = Path.of("src/test/resources/dev/shakedown/workload/charts");

  @Test
  void aChartRendersWithItsValuesAndDeploysLikeManifests(ScenarioContext ctx) {
    long start = System.nanoTime();
    HelmChart shop = ctx.deploy(Workloads.helm(ctx, CHARTS.resolve("shop")).release("shop").values(Map.of("replicas", 3)));
    System.out.printf("MEASURE helm chart render + deploy -> Ready: %d ms%n", (System.nanoTime() - start) / 1_000_000);

    assertThat(shop.rendered().parts()).containsExactly("deployment/shop-web");
    assertThat(shop.part("deployment/shop-web").pods()).hasSize(3)
        .allSatisfy(p -> assertThat(p.getMetadata().getLabels()).containsEntry(ManifestWorkload.LABEL, "shop"));
    assertThat(ctx.client().services().inNamespace(ctx.namespace()).withName("shop-web").get()).isNotNull();
    assertThatThrownBy(() -> shop.values(Map.of("replicas", 1))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after the chart was rendered");
  }

  @Test
  void aChartThatFailsToRenderIsHelmsOwnMessageBeforeAnythingIsDeployed(ScenarioContext ctx) {
    HelmChart broken = Workloads.helm(ctx, CHARTS.resolve("broken"));

    assertThatThrownBy(broken::deploy).isInstanceOf(ShakedownException.class)
        .hasMessageContaining("helm template broken").hasMessageContaining("failed (exit 1)")
        .hasMessageContaining("nil pointer evaluating interface {}.deeper");
    assertThat(ctx.client().configMaps().inNamespace(ctx.namespace()).list().getItems())
        .noneMatch(c -> c.getMetadata().getName().contains("deeper"));
  }
}
