package dev.shakedown.kind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.cluster.Cluster;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pod and Service traffic stays on this machine: a pod IP or Service IP with nothing behind it fails fast inside the
 * cluster (the node's 'unreachable' pod-CIDR route, the host's DOCKER-USER rejects), never following a default route
 * out to whatever answers upstream.
 */
class KindTrafficContainmentIT {

  private static final Pattern RESULT = Pattern.compile("rc=(\\d+) ms=(\\d+)");

  final KindFixture kind = new KindFixture("contain");

  @AfterEach
  void cleanUp() {
    kind.close();
  }

  @Test
  void connectionsToUnassignedPodAndServiceIpsFailWithinOneSecondAndStayInside() throws Exception {
    String worker = kind.workerNames().get(0);
    kind.client.pods().inNamespace(kind.namespace).resource(kind.workloadPod("client", worker, "client")).create();
    Pod client = kind.awaitReady("client", Duration.ofSeconds(120));
    Set<String> podIps = kind.client.pods().inAnyNamespace().list().getItems().stream()
        .map(p -> p.getStatus().getPodIP()).filter(ip -> ip != null).collect(Collectors.toSet());
    Set<String> nodeCidrs = kind.client.nodes().list().getItems().stream().map(n -> n.getSpec().getPodCIDR())
        .collect(Collectors.toSet());
    Set<String> serviceIps = kind.client.services().inAnyNamespace().list().getItems().stream()
        .map(s -> s.getSpec().getClusterIP()).collect(Collectors.toSet());
    String ownCidr = kind.client.nodes().withName(worker).get().getSpec().getPodCIDR();   // e.g. 10.244.2.0/24
    String deadPodHere = ownCidr.substring(0, ownCidr.lastIndexOf('.')) + ".251";
    String noNodeCidr = "10.244.250.9";
    String noService = "10.96.255.251";
    assertThat(podIps).as("pod IPs in use").doesNotContain(deadPodHere, noNodeCidr);
    assertThat(nodeCidrs).as("node pod CIDRs").doesNotContain("10.244.250.0/24");
    assertThat(serviceIps).as("Service IPs in use").doesNotContain(noService);

    Cluster cluster = Cluster.of(kind.client, KindFixture.CONTEXT, "shakedown");
    String route = cluster.node(worker).exec("sh", "-c", "ip route get " + noNodeCidr + " 2>&1 || true");
    assertThat(route).as("node %s: ip route get %s", worker, noNodeCidr).contains("No route to host");
    assertThat(cluster.node(worker).exec("ip", "route", "get", client.getStatus().getPodIP()))
        .as("the live pod's own /32 route still wins").doesNotStartWith("unreachable");

    long rejectsBefore = hostRejects();
    for (String target : List.of(deadPodHere, noNodeCidr, noService)) {
      Matcher result = RESULT.matcher(kind.exec("client", "sh", "-c", "s=$(date +%s%N); curl -sS --max-time 5 "
          + "http://" + target + ":8080/ >/dev/null 2>&1; rc=$?; echo rc=$rc ms=$(( ($(date +%s%N) - s) / 1000000 ))"));
      assertThat(result.find()).isTrue();
      assertThat(Integer.parseInt(result.group(1))).as("curl exit code to %s (7 = could not connect)", target)
          .isEqualTo(7);
      assertThat(Long.parseLong(result.group(2))).as("ms until the connection to %s failed", target).isLessThan(1000);
      System.out.printf("[shakedown] containment: %s failed in %s ms (curl rc %s)%n", target, result.group(2),
          result.group(1));
    }
    assertThat(hostRejects()).as("packets the host's DOCKER-USER containment rules rejected (Service IP)")
        .isGreaterThan(rejectsBefore);
  }

  /** Packets counted by the host's containment rules (iptables DOCKER-USER, comment shakedown-contain). */
  private static long hostRejects() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("iptables", "-w", "-L", "DOCKER-USER", "-v", "-x", "-n").redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("iptables -L DOCKER-USER: %s", out).isZero();
    List<String> rules = out.lines().filter(l -> l.contains("shakedown-contain")).toList();
    assertThat(rules).as("host containment rules (installed by 'kind-config/cluster up')").hasSize(4);
    return rules.stream().mapToLong(l -> Long.parseLong(l.strip().split("\\s+")[0])).sum();
  }
}
