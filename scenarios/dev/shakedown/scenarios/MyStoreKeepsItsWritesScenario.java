package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static java.time.Duration.ofMinutes;

import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.client.Client;
import dev.shakedown.client.Generators;
import dev.shakedown.client.HttpOp;
import dev.shakedown.client.Load;
import dev.shakedown.client.Result;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.history.ChecksummedValue;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.workload.Endpoints;
import dev.shakedown.workload.ManifestWorkload;
import dev.shakedown.workload.Workloads;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's "Rehearse your own service", verbatim (ReadmeTutorialTest keeps the two the same). */
// own-service:begin
@ChaosTest
class MyStoreKeepsItsWritesScenario {

  /** Your client for your API: PUT /kv/<id> writes a value, GET /kv lists them as "id=value" lines. */
  static Client store(ScenarioContext ctx) {
    return HttpOp.client(Endpoints.of(ctx, "store", 80), (base, op) -> op.isWrite()
        ? HttpRequest.newBuilder(base.resolve("/kv/" + ChecksummedValue.decode(op.value()).id()))
            .PUT(HttpRequest.BodyPublishers.ofString(op.value()))
        : HttpRequest.newBuilder(base.resolve("/kv")).GET(), (op, response) -> response.statusCode() != 200
        ? HttpOp.STATUS.of(op, response)
        : Result.ok(op.isRead() ? response.body().lines().map(l -> l.substring(l.indexOf('=') + 1))
            .collect(Collectors.joining(",")) : null, null));
  }

  @Test
  void noAcknowledgedWriteIsLostWhenThePodIsKilled(ScenarioContext ctx) {
    ManifestWorkload app = ctx.deploy(Workloads.manifests(ctx, "store",   // your YAML: a StatefulSet, a Service
        Path.of("src/test/resources/dev/shakedown/workload/kv-app")));    // (images: kind-config/cluster load)
    Run run = ctx.run(Load.of("store", store(ctx)).rate(50).ops(Generators.uniqueWrites(ctx.seed())))
        .holdUntilOk(100, ofMinutes(1));
    run.inject(Faults.podKill(Targets.pods(app.part("statefulset/store")).one())).heal()
        .holdUntilOk(50, ofMinutes(1));
    assertThat(run.finalRead(ofMinutes(1))).isOk();
    assertThat(run.check(Checkers.noLostWrites().on(Facts::history))).isValid();
  }
}
// own-service:end
