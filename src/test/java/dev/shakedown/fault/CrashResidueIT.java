package dev.shakedown.fault;

import static dev.shakedown.fault.PodShell.reachable;
import static dev.shakedown.fault.PodShell.seconds;
import static dev.shakedown.fault.PodShell.unreachable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.cluster.RunIdentity;
import dev.shakedown.cluster.ServiceResidue;
import dev.shakedown.cluster.ShakedownLabels;
import dev.shakedown.cluster.Sweeper;
import dev.shakedown.internal.Waits;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.HttpService;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Nothing is left behind after a crash: a forked JVM partitions two pods and puts a proxy in front of a Service, and
 * is killed with SIGKILL mid-fault. The faults outlive it; the next sweep removes its chains and restores the Service,
 * proven by the same reachability checks.
 */
@ChaosTest
class CrashResidueIT {

  @Test
  void theSweepHealsWhatARunKilledMidFaultLeft(ScenarioContext ctx) throws Exception {
    Pod a = web(ctx, "a").pods().get(0);
    HttpService b = web(ctx, "b");
    Pod pb = b.pods().get(0);
    Pod client = web(ctx, "client").pods().get(0);
    Map<String, String> selector = ctx.client().services().inNamespace(ctx.namespace()).withName("b").get().getSpec()
        .getSelector();
    List<String> aToB = List.of("http://" + pb.getStatus().getPodIP() + ":8080/");
    reachable(ctx, a, aToB);

    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), FaultThenHang.class.getName(), ctx.cluster().context(), ctx.namespace())
        .redirectErrorStream(true).start();
    try {
      CompletableFuture<String> injected = CompletableFuture.supplyAsync(() -> readUntilInjected(child));
      assertThat(injected.get(4, TimeUnit.MINUTES)).as("the child's output").endsWith("INJECTED");
      child.destroyForcibly();   // SIGKILL: no shutdown hook, no heal
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    unreachable(ctx, a, aToB);
    Waits.untilTrue("b slow through the orphaned proxy", Duration.ofSeconds(30), Duration.ofMillis(500),
        () -> seconds(ctx, client, "http://b/") > 0.7);

    String run = ctx.client().namespaces().withName(ctx.namespace()).get().getMetadata().getLabels()
        .get(ShakedownLabels.RUN);
    RunIdentity me = RunIdentity.create();
    List<String> actions = new Sweeper(ctx.cluster(), new RunIdentity(run, me.host(), me.pid(), me.startMillis()),
        Duration.ofMinutes(2)).sweep();
    System.out.println("[shakedown] sweep after the kill: " + actions);

    assertThat(actions).anyMatch(l -> l.startsWith("removed iptables chain " + ShakedownLabels.CHAIN_PREFIX))
        .contains("restored service/" + ctx.namespace() + "/b (selector and ports; proxy deleted)");
    reachable(ctx, a, aToB);
    reachable(ctx, pb, List.of("http://" + a.getStatus().getPodIP() + ":8080/"));
    Waits.untilTrue("b fast again", Duration.ofSeconds(60), Duration.ofMillis(500),
        () -> seconds(ctx, client, "http://b/") < 0.1);
    assertThat(ctx.client().services().inNamespace(ctx.namespace()).withName("b").get().getSpec().getSelector())
        .isEqualTo(selector);
    assertThat(ctx.client().apps().deployments().inNamespace(ctx.namespace()).withLabel(ServiceResidue.PROXY_FOR)
        .list().getItems()).isEmpty();
  }

  private static String readUntilInjected(Process child) {
    StringBuilder seen = new StringBuilder();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        seen.append(line).append('\n');
        if (line.equals("INJECTED")) {
          return seen.toString().strip();
        }
      }
    } catch (java.io.IOException e) {
      seen.append(e);
    }
    return seen.toString().strip();
  }

  private static HttpService web(ScenarioContext ctx, String name) {
    return HttpService.of(ctx.client(), ctx.namespace(), name).replicas(1).pdb(false).deploy()
        .awaitReady(Duration.ofMinutes(2));
  }
}
