package dev.shakedown.fault;

import static dev.shakedown.fault.PodShell.curl;
import static dev.shakedown.fault.PodShell.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.cluster.ServiceResidue;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.HttpService;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Toxiproxy in front of a Service on kind: a client pod measures what it adds through the Service's own name, and
 * after the heal the Service has its own selector and ports again and the proxy is gone.
 */
@ChaosTest
class ServiceToxicIT {

  @Test
  void latencyInFrontOfAServiceIsWhatItsClientsSeeAndTheServiceIsRestored(ScenarioContext ctx) {
    web(ctx, "web", 2);
    Pod client = web(ctx, "client", 1).pods().get(0);
    ServiceSpec before = spec(ctx, "web");
    double base = median(ctx, client, "http://web/");

    long t0 = System.nanoTime();
    FaultHandle slow = Faults.latency("web", Duration.ofMillis(500)).inject(ctx);
    long injected = System.nanoTime();
    double during = median(ctx, client, "http://web/");
    long h0 = System.nanoTime();
    slow.close();
    long healed = System.nanoTime();
    double after = median(ctx, client, "http://web/");

    System.out.printf("MEASURE toxiproxy latency 500 ms: client median %.3f s before, %.3f s during, %.3f s after;"
        + " inject %d ms, heal %d ms%n", base, during, after, (injected - t0) / 1_000_000, (healed - h0) / 1_000_000);
    assertThat(during).as("median seconds per GET through the proxy").isBetween(0.45, 1.5);
    assertThat(after).as("median seconds per GET after the heal").isLessThan(0.1);
    ServiceSpec restored = spec(ctx, "web");
    assertThat(restored.getSelector()).isEqualTo(before.getSelector());
    assertThat(restored.getPorts()).isEqualTo(before.getPorts());
    assertThat(ctx.client().services().inNamespace(ctx.namespace()).withName("web").get().getMetadata()
        .getAnnotations()).doesNotContainKey(ServiceResidue.ORIGINAL);
    assertThat(ctx.client().apps().deployments().inNamespace(ctx.namespace()).withLabel(ServiceResidue.PROXY_FOR)
        .list().getItems()).as("proxy Deployments left").isEmpty();
  }

  @Test
  void resetPeerFailsEveryRequestUntilHealed(ScenarioContext ctx) {
    web(ctx, "web", 1);
    Pod client = web(ctx, "client", 1).pods().get(0);
    FaultHandle reset = Faults.toxic("web", "reset_peer", Map.of("timeout", 0L)).inject(ctx);
    dev.shakedown.internal.Waits.untilTrue("a GET fails while the proxy resets every connection",
        Duration.ofSeconds(30), Duration.ofMillis(500), () -> !curl(ctx, client, "http://web/").startsWith("rc=0 "));
    reset.close();
    for (int i = 0; i < 10; i++) {   // the toxic is removed before the Service is restored: no reset after the heal
      assertThat(curl(ctx, client, "http://web/")).as("GET %d after the heal", i).startsWith("rc=0 ");
    }
  }

  @Test
  void timeoutHoldsEveryRequestUnansweredAndJitterSpreadsTheLatency(ScenarioContext ctx) {
    web(ctx, "web", 1);
    Pod client = web(ctx, "client", 1).pods().get(0);
    FaultHandle silent = Faults.toxic("web", "timeout", Map.of("timeout", 0L)).inject(ctx);
    dev.shakedown.internal.Waits.untilTrue("a GET gets no answer within curl's " + PodShell.CURL_TIMEOUT_S + " s",
        Duration.ofSeconds(30), Duration.ofMillis(500), () -> curl(ctx, client, "http://web/").startsWith("rc=28 "));
    silent.close();
    assertThat(curl(ctx, client, "http://web/")).as("GET after the heal").startsWith("rc=0 ");

    FaultHandle jitter = Faults.latency("web", Duration.ofMillis(400), Duration.ofMillis(300)).inject(ctx);
    double[] s = IntStream.range(0, 12).mapToDouble(i -> seconds(ctx, client, "http://web/")).sorted().toArray();
    jitter.close();
    System.out.printf("MEASURE toxiproxy latency 400 ms jitter 300 ms: 12 GETs from %.3f s to %.3f s, median %.3f s%n",
        s[0], s[s.length - 1], s[s.length / 2]);
    assertThat(s[0]).as("fastest GET under jitter, seconds").isGreaterThan(0.05);
    assertThat(s[s.length - 1] - s[0]).as("spread of 12 GETs under 300 ms jitter, seconds").isGreaterThan(0.15);
  }

  @Test
  void aProxyLeftByAKilledRunIsRemovedAndTheServiceRestoredBySweepRestore(ScenarioContext ctx) {
    web(ctx, "web", 1);
    Pod client = web(ctx, "client", 1).pods().get(0);
    ServiceSpec before = spec(ctx, "web");
    Faults.latency("web", Duration.ofMillis(800)).inject(FaultScope.of(ctx));   // never healed, like a killed run
    // the endpoints are the proxy's when inject returns; each node's kube-proxy follows within a second or so
    dev.shakedown.internal.Waits.untilTrue("GET through the proxy takes > 0.7 s", Duration.ofSeconds(30),
        Duration.ofMillis(500), () -> seconds(ctx, client, "http://web/") > 0.7);

    assertThat(ServiceResidue.restoreAll(ctx.client())).containsExactly("restored service/" + ctx.namespace()
        + "/web (selector and ports; proxy deleted)");
    assertThat(spec(ctx, "web").getSelector()).isEqualTo(before.getSelector());
    dev.shakedown.internal.Waits.untilTrue("GET fast again after the restore", Duration.ofSeconds(60),
        Duration.ofSeconds(1), () -> seconds(ctx, client, "http://web/") < 0.1);
  }

  @Test
  void badInputIsOneClearErrorBeforeAnythingIsCreated(ScenarioContext ctx) {
    web(ctx, "web", 1);
    assertThatThrownBy(() -> Faults.latency("nope", Duration.ofMillis(100)).inject(ctx))
        .isInstanceOf(TargetException.class).hasMessageContaining("Service " + ctx.namespace() + "/nope not found")
        .hasMessageContaining("[web]");
    assertThatThrownBy(() -> Faults.latency("web", Duration.ZERO)).hasMessage("latency must be positive, was PT0S");
    assertThatThrownBy(() -> Faults.toxic("web", "jitter", Map.of())).hasMessageContaining("is not one of");
    assertThat(ctx.client().apps().deployments().inNamespace(ctx.namespace()).list().getItems())
        .extracting(d -> d.getMetadata().getName()).containsExactly("web");
  }

  private static HttpService web(ScenarioContext ctx, String name, int replicas) {
    return HttpService.of(ctx.client(), ctx.namespace(), name).replicas(replicas).pdb(false).deploy()
        .awaitReady(Duration.ofMinutes(2));
  }

  private static ServiceSpec spec(ScenarioContext ctx, String name) {
    return ctx.client().services().inNamespace(ctx.namespace()).withName(name).get().getSpec();
  }

  private static double median(ScenarioContext ctx, Pod client, String url) {
    double[] s = IntStream.range(0, 9).mapToDouble(i -> seconds(ctx, client, url)).sorted().toArray();
    return s[s.length / 2];
  }

}
