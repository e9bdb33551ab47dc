package dev.shakedown.workload;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static dev.shakedown.assertj.ShakedownAssertions.assertThatThrownBy;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import dev.shakedown.check.AvailabilityThresholds;
import dev.shakedown.check.Checkers;
import dev.shakedown.client.Generators;
import dev.shakedown.client.HttpOp;
import dev.shakedown.client.Load;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A user's own stateless service from their YAML (Deployment, NodePort Service, PDB), on kind, survives a pod kill of
 * its part {@code deployment/shop}. The stateful case is the suite's {@code MyStoreKeepsItsWritesScenario}, and its
 * planted defect {@code MyStoreThatAcknowledgesBeforePersistingLosesWritesIT}.
 */
@ChaosTest
class ManifestWorkloadIT {

  static final Path RESOURCES = Path.of("src/test/resources/dev/shakedown/workload");

  @Test
  void aStatelessAppFromYamlSurvivesAPodKill(ScenarioContext ctx) {
    long start = System.nanoTime();
    ManifestWorkload app = ctx.deploy(Workloads.manifests(ctx, RESOURCES.resolve("web-app")));
    System.out.printf("MEASURE yaml app (Deployment 3, Service, PDB) deploy -> Ready: %d ms%n",
        (System.nanoTime() - start) / 1_000_000);
    Run run = ctx.run(Load.of("shop", HttpOp.client(Endpoints.of(ctx, "shop", 80),
        (base, op) -> HttpRequest.newBuilder(base).GET())).rate(20).ops(Generators.constant("get")));
    run.inject(Faults.podKill(Targets.pods(app.part("deployment/shop")).one())).hold(ofSeconds(5)).heal();

    assertThat(run.check(Checkers.availability(AvailabilityThresholds.none().minSuccessRatio(0.95)))).isValid();
  }

  @Test
  void aClusterIpServiceIsReachedThroughAPortForwardThatComesBackAfterItsPodsAreKilled(ScenarioContext ctx) {
    ManifestWorkload app = ctx.deploy(Workloads.manifests(ctx, RESOURCES.resolve("web-app")));
    Endpoints internal = Endpoints.of(ctx, "shop-internal", 80);
    assertThat(internal).isInstanceOf(PortForwardEndpoints.class);
    Run run = ctx.run(Load.of("shop-internal", HttpOp.client(internal, (base, op) -> HttpRequest.newBuilder(base)
        .GET())).rate(10).ops(Generators.constant("get"))).holdUntilOk(20, ofMinutes(1));
    run.inject(Faults.podKill(Targets.pods(app.part("deployment/shop")).all()).recoverWithin(ofMinutes(2))).heal()
        .holdUntilOk(20, ofMinutes(1)); // every pod replaced: only a re-established port-forward answers again

    assertThat(run.check(Checkers.availability(AvailabilityThresholds.none()))).isValid();
  }

  @Test
  void imagesLoadPutsALocalImageOnTheNodesAndAMissingOneIsNamedBeforeAnythingIsDeployed(ScenarioContext ctx)
      throws Exception {
    Images.load("shakedown/workload:0.1"); // already on every node: says so, exits 0
    assertThatThrownBy(() -> Images.load("acme/shop:9.9")).isInstanceOf(dev.shakedown.ShakedownException.class)
        .hasMessageContaining("image acme/shop:9.9 is not in Docker's image store");

    Path yaml = Files.createTempDirectory("acme-shop");
    Files.writeString(yaml.resolve("web.yaml"), Files.readString(RESOURCES.resolve("web-app/web.yaml"))
        .replace("image: shakedown/workload:0.1", "image: acme/shop:9.9"));
    ManifestWorkload app = Workloads.manifests(ctx, yaml);
    assertThatThrownBy(app::deploy).hasMessageContaining("acme/shop:9.9 (Deployment/shop container shop)")
        .hasMessageContaining("load them with: bash kind-config/cluster load acme/shop:9.9");
    assertThat(ctx.client().apps().deployments().inNamespace(ctx.namespace()).list().getItems()).isEmpty();
  }
}
