package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static java.time.Duration.ofMinutes;

import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.check.Verdict;
import dev.shakedown.client.Generators;
import dev.shakedown.client.Load;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.workload.ManifestWorkload;
import dev.shakedown.workload.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's own-service scenario catches a broken service: the same YAML with {@code UNSAFE=true} (the store
 * acknowledges a write before it persists it) and the same client lose writes under two pod kills, and the verdict is
 * INVALID with the lost writes listed.
 */
@ChaosTest
class MyStoreThatAcknowledgesBeforePersistingLosesWritesIT {

  @Test
  void theVerdictIsInvalidWithTheLostWritesListed(ScenarioContext ctx) throws Exception {
    Path yaml = Path.of("src/test/resources/dev/shakedown/workload/kv-app/kv.yaml");
    Path defect = Files.createTempDirectory("kv-unsafe");
    Files.writeString(defect.resolve("kv.yaml"), Files.readString(yaml)
        .replace("{name: UNSAFE, value: \"false\"}", "{name: UNSAFE, value: \"true\"}"));
    ManifestWorkload app = ctx.deploy(Workloads.manifests(ctx, "store", defect));
    Run run = ctx.run(Load.of("store", MyStoreKeepsItsWritesScenario.store(ctx)).rate(50)
        .ops(Generators.uniqueWrites(ctx.seed()))).holdUntilOk(100, ofMinutes(1));
    for (int kill = 0; kill < 2; kill++) {
      run.inject(Faults.podKill(Targets.pods(app).one())).heal().holdUntilOk(100, ofMinutes(1));
    }
    assertThat(run.finalRead(ofMinutes(1))).isOk();

    Verdict writes = run.check(Checkers.noLostWrites().on(Facts::history)).part("no-lost-writes");
    System.out.println("MEASURE own store acknowledging before persisting: " + writes.summary());
    assertThat(writes).isInvalid();
    assertThat(writes.count("lost")).isPositive();
    assertThat(writes.summary()).contains("acknowledged writes lost");
    assertThat(writes.offending()).isNotEmpty().allMatch(dev.shakedown.history.Operation::isOk);
  }
}
