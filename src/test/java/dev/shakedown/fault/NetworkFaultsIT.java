package dev.shakedown.fault;

import static dev.shakedown.fault.PodShell.CURL_TIMEOUT_S;
import static dev.shakedown.fault.PodShell.curl;
import static dev.shakedown.fault.PodShell.exec;
import static dev.shakedown.fault.PodShell.reachable;
import static dev.shakedown.fault.PodShell.seconds;
import static dev.shakedown.fault.PodShell.unreachable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.HttpService;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The network faults on kind: each proves its effect from inside the pods (curl by pod IP and by Service name), that
 * pods outside it are untouched, and that after the heal traffic flows again and no Shakedown chain is left in any
 * namespace it touched.
 */
@ChaosTest
class NetworkFaultsIT {

  @Test
  void partitionCutsBothSidesByPodIpAndServiceNameAndHealsWithoutLeavingAChain(ScenarioContext ctx) {
    HttpService a = web(ctx, "a");
    HttpService b = web(ctx, "b");
    HttpService c = web(ctx, "c");
    Pod pa = a.pods().get(0);
    Pod pb = b.pods().get(0);
    Pod pc = c.pods().get(0);
    List<String> aToB = List.of(ip(pb), "http://b/");
    List<String> bToA = List.of(ip(pa), "http://a/");
    reachable(ctx, pa, aToB);
    reachable(ctx, pb, bToA);

    long t0 = System.nanoTime();
    FaultHandle cut = Faults.partition(Targets.pods(a).one()).from(Targets.pods(b).one()).inject(ctx);
    long injected = System.nanoTime();
    unreachable(ctx, pa, aToB);
    unreachable(ctx, pb, bToA);
    reachable(ctx, pa, List.of(ip(pc), "http://c/"));
    reachable(ctx, pc, List.of(ip(pb), "http://b/", ip(pa)));
    assertThat(ctx.timeline().snapshot()).filteredOn(e -> e.source().equals("network") && e.kind().equals("rule"))
        .as("each rule on the timeline: 2 per peer per side").hasSize(4);

    long h0 = System.nanoTime();
    cut.close();
    long healed = System.nanoTime();
    reachable(ctx, pa, aToB);
    reachable(ctx, pb, bToA);
    for (Pod p : List.of(pa, pb)) {
      assertThat(NetworkCommands.chains(netns(ctx, p).run(NetworkCommands.list())))
          .as("Shakedown chains left in %s", p.getMetadata().getName()).isEmpty();
    }
    System.out.printf("MEASURE partition: inject %d ms, heal %d ms%n", (injected - t0) / 1_000_000,
        (healed - h0) / 1_000_000);
  }

  @Test
  void majorityMinoritySplitsAWorkloadAndOneWayCutsOnlyWhatSideAHears(ScenarioContext ctx) {
    HttpService web = HttpService.of(ctx).replicas(3).pdb(false).deploy().awaitReady(Duration.ofMinutes(2));
    FaultHandle split = Faults.majorityMinority(web).inject(ctx);
    List<String> hit = split.targets();
    assertThat(hit).hasSize(3);
    List<Pod> pods = web.pods();
    Pod minority = pods.stream().filter(p -> netns(ctx, p).run(NetworkCommands.list()).lines()
        .filter(l -> l.startsWith("-A SHKD-")).count() == 4).findFirst().orElseThrow();
    for (Pod other : pods) {
      if (other != minority) {
        unreachable(ctx, minority, List.of(ip(other)));
        unreachable(ctx, other, List.of(ip(minority)));
        pods.stream().filter(p -> p != minority && p != other).forEach(p -> reachable(ctx, other, List.of(ip(p))));
      }
    }
    split.close();

    Pod a = pods.get(0);
    Pod b = pods.get(1);
    FaultHandle deaf = Faults.partition(Targets.pod(a.getMetadata().getName())).from(Targets.pod(b.getMetadata()
        .getName())).oneWay().inject(ctx);
    String rulesA = netns(ctx, a).run(NetworkCommands.list());
    assertThat(rulesA).as("side A: INPUT jumps to the chain, OUTPUT does not").containsPattern("-A INPUT -j SHKD-")
        .doesNotContainPattern("-A OUTPUT -j SHKD-");
    assertThat(NetworkCommands.chains(netns(ctx, b).run(NetworkCommands.list()))).as("side B has no chain").isEmpty();
    unreachable(ctx, b, List.of(ip(a)));
    deaf.close();
    reachable(ctx, b, List.of(ip(a)));
  }

  @Test
  void aNodePartitionCutsKubeletFromTheApiServerAndHeals(ScenarioContext ctx) {
    FaultScope scope = FaultScope.of(ctx);
    List<String> workers = Targets.workers().all().select(scope);
    String cp = ctx.client().nodes().withLabel(Targets.CONTROL_PLANE_LABEL).list().getItems().get(0)
        .getMetadata().getName();
    NetNamespace worker = NetNamespace.ofNode(scope, "test", workers.get(0));
    NetNamespace other = NetNamespace.ofNode(scope, "test", workers.get(1));
    String api = NetNamespace.ofNode(scope, "test", cp).ip();
    assertThat(connects(worker, api, 6443)).as("before: %s to the API server", worker).isTrue();

    long t0 = System.nanoTime();
    FaultHandle cut = Faults.partition(Targets.node(workers.get(0))).from(Targets.node(cp)).inject(ctx);
    long injected = System.nanoTime();
    assertThat(connects(worker, api, 6443)).as("during: %s to the API server", worker).isFalse();
    assertThat(connects(other, api, 6443)).as("during: %s (not partitioned) to the API server", other).isTrue();
    long h0 = System.nanoTime();
    cut.close();
    long healed = System.nanoTime();
    assertThat(connects(worker, api, 6443)).as("after: %s to the API server", worker).isTrue();
    assertThat(NetworkCommands.chains(worker.run(NetworkCommands.list()))).as("chains left on %s", worker).isEmpty();
    System.out.printf("MEASURE node partition: inject %d ms, heal %d ms%n", (injected - t0) / 1_000_000,
        (healed - h0) / 1_000_000);
  }

  @Test
  void halvesCutTwoPairsApartAndPartialLossDropsSomePacketsWhileTrafficStillFlows(ScenarioContext ctx) {
    HttpService web = HttpService.of(ctx).replicas(4).pdb(false).deploy().awaitReady(Duration.ofMinutes(2));
    FaultHandle split = Faults.halves(web).inject(ctx);
    List<Pod> pods = web.pods();
    Pod first = pods.get(0);
    List<Pod> cut = pods.stream().filter(p -> p != first && !PodShell.curl(ctx, first, ip(p)).startsWith("rc=0 "))
        .toList();
    assertThat(cut).as("pods the first pod cannot reach: the other half").hasSize(2);
    Pod sameHalf = pods.stream().filter(p -> p != first && !cut.contains(p)).findFirst().orElseThrow();
    unreachable(ctx, sameHalf, cut.stream().map(NetworkFaultsIT::ip).toList());
    reachable(ctx, cut.get(0), List.of(ip(cut.get(1))));
    split.close();
    reachable(ctx, first, cut.stream().map(NetworkFaultsIT::ip).toList());

    Pod other = cut.get(0);
    FaultHandle lossy = Faults.packetLoss(Targets.pod(first.getMetadata().getName()), 30).inject(ctx);
    String rules = netns(ctx, first).run(NetworkCommands.list());
    // the loss also hits the kubelet's liveness probes: a restart of the container kills the exec'd shell (exit 137)
    // or refuses the exec, and that GET counts as not answered
    long answered = IntStream.range(0, 10).filter(i -> PodShell.curlUnlessRestarted(ctx, first, ip(other))
        .startsWith("rc=0 ")).count();
    // after such a restart the sandbox and its namespace stay: read the pod again for its current container
    Pod now = ctx.client().pods().inNamespace(ctx.namespace()).withName(first.getMetadata().getName()).get();
    String counters = netns(ctx, now).run("iptables -w -L -v -x -n");
    lossy.close();
    System.out.printf("MEASURE packet loss 30%%: %d of 10 GETs answered within %d s%n", answered,
        PodShell.CURL_TIMEOUT_S);
    assertThat(rules).as("the loss rule (iptables keeps the probability as a 32-bit fraction)")
        .containsPattern("--probability 0\\.(2999|3000)");
    assertThat(counters).as("the loss rule drops (and counts) packets").containsPattern("\\n\\s+[1-9]\\d*\\s+\\d+\\s+DROP");
    assertThat(answered).as("GETs answered through 30% loss (TCP retransmits)").isGreaterThan(0);
    assertThat(NetworkCommands.chains(netns(ctx, now).run(NetworkCommands.list()))).isEmpty();
  }

  @Test
  void packetLossDropsSomePacketsAndDnsOutageBreaksNamesButNotAddresses(ScenarioContext ctx) {
    HttpService a = web(ctx, "a");
    HttpService c = web(ctx, "c");
    Pod pa = a.pods().get(0);
    Pod pc = c.pods().get(0);

    FaultHandle lossy = Faults.packetLoss(Targets.pods(a).one(), 100).inject(ctx);
    unreachable(ctx, pa, List.of(ip(pc)));
    String counters = netns(ctx, pa).run("iptables -w -L -v -x -n");
    assertThat(counters).as("the loss rule drops (and counts) packets").containsPattern("\\n\\s+[1-9]\\d*\\s+\\d+\\s+DROP");
    lossy.close();
    reachable(ctx, pa, List.of(ip(pc)));
    // 100% loss also dropped the kubelet's readiness probes: wait until a is back behind its Service
    dev.shakedown.internal.Waits.untilTrue("c reaches a by its Service name after the loss healed",
        Duration.ofMinutes(1), Duration.ofSeconds(1), () -> curl(ctx, pc, "http://a/").startsWith("rc=0 "));

    FaultHandle dns = Faults.dnsOutage(Targets.pods(a).one()).inject(ctx);
    String byName = curl(ctx, pa, "http://c/");
    assertThat(byName).as("by name during the DNS outage (curl 6: could not resolve, 28: timed out)")
        .matches("rc=(6|28) .*");
    reachable(ctx, pa, List.of(ip(pc)));
    reachable(ctx, pc, List.of("http://a/"));
    dns.close();
    reachable(ctx, pa, List.of("http://c/"));
    assertThat(NetworkCommands.chains(netns(ctx, pa).run(NetworkCommands.list()))).isEmpty();
  }

  @Test
  void bandwidthSlowsWhatThePodSendsAndHeals(ScenarioContext ctx) {
    HttpService a = web(ctx, "a");
    HttpService c = web(ctx, "c");
    Pod pa = a.pods().get(0);
    Pod pc = c.pods().get(0);
    String url = ip(pa) + "kv/big";
    exec(ctx, pc, "sh", "-c", "head -c 500000 /dev/zero | tr '\\0' x | curl -sS -f -X PUT --data-binary @- " + url);
    double before = seconds(ctx, pc, url);

    FaultHandle slow = Faults.bandwidth(Targets.pods(a).one(), 1000).inject(ctx);
    double during = seconds(ctx, pc, url);
    slow.close();
    double after = seconds(ctx, pc, url);
    System.out.printf("MEASURE bandwidth 1000 kbit/s: 500 kB GET took %.2f s before, %.2f s during, %.2f s after%n",
        before, during, after);
    assertThat(during).as("500 kB at 1000 kbit/s takes at least 4 s; seconds").isGreaterThan(3.0);
    assertThat(after).as("seconds after the heal").isLessThan(1.0);
    assertThat(netns(ctx, pa).run(NetworkCommands.showQdisc(Bandwidth.DEVICE))).doesNotContain("tbf");
  }

  @Test
  void badInputIsRefusedBeforeAnyRuleIsWritten(ScenarioContext ctx) {
    HttpService a = web(ctx, "a");
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            Faults.partition(Targets.pods(a).one()).from(Targets.pods(a).one()).inject(ctx))
        .isInstanceOf(TargetException.class).hasMessageContaining("on both sides");
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            Faults.partition(Targets.pods(a).one()).from(Targets.pod("nope")).inject(ctx))
        .isInstanceOf(TargetException.class).hasMessageContaining("nope not found");
    Pod pa = a.pods().get(0);
    assertThat(NetworkCommands.chains(netns(ctx, pa).run(NetworkCommands.list()))).isEmpty();
    assertThat(ctx.timeline().snapshot()).noneMatch(e -> e.source().equals("network"));
  }

  private static HttpService web(ScenarioContext ctx, String name) {
    return HttpService.of(ctx.client(), ctx.namespace(), name).replicas(1).pdb(false).deploy()
        .awaitReady(Duration.ofMinutes(2));
  }

  private static NetNamespace netns(ScenarioContext ctx, Pod pod) {
    Pod fresh = ctx.client().pods().inNamespace(ctx.namespace()).withName(pod.getMetadata().getName()).get();
    return NetNamespace.ofPod(FaultScope.of(ctx), "test", fresh);
  }

  private static String ip(Pod pod) {
    return "http://" + pod.getStatus().getPodIP() + ":8080/";
  }

  private static boolean connects(NetNamespace node, String ip, int port) {
    return node.run("timeout " + CURL_TIMEOUT_S + " bash -c 'exec 3<>/dev/tcp/" + ip + "/" + port
        + "' 2>/dev/null && echo yes || echo no").strip().equals("yes");
  }


}
