package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.history.Timeline;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class NetworkCommandsTest {

  KubernetesClient client;

  @Test
  void chainNamesCarryTheRunIdAndFitIptablesLimit() {
    assertThat(NetworkCommands.chain("20261201-160755-ab12", 7)).isEqualTo("SHKD-20261201-160755-ab12-7");
    assertThat(NetworkCommands.chain("20261201-160755-ab12", 123)).isEqualTo("SHKD-ab12-123");
    assertThat(NetworkCommands.chain(null, 1)).isEqualTo("SHKD-norun-1");
    assertThat(NetworkCommands.chain("20261201-160755-ab12", 99)).hasSizeLessThanOrEqualTo(NetworkCommands.MAX_CHAIN);
    assertThatThrownBy(() -> NetworkCommands.requireChain("KUBE-SERVICES")).hasMessageContaining("not a Shakedown");
  }

  @Test
  void installCreatesTheChainThenJumpsFirstFromEachHookAndAlwaysWaitsForTheLock() {
    String script = NetworkCommands.install("SHKD-r-1", List.of(NetworkCommands.dropFrom("10.244.1.5"),
        NetworkCommands.dropTo("10.244.1.5")), List.of("INPUT", "OUTPUT"));
    assertThat(script).isEqualTo("iptables -w -N SHKD-r-1 && iptables -w -A SHKD-r-1 -s 10.244.1.5/32 -j DROP"
        + " && iptables -w -A SHKD-r-1 -d 10.244.1.5/32 -j DROP && iptables -w -I INPUT 1 -j SHKD-r-1"
        + " && iptables -w -I OUTPUT 1 -j SHKD-r-1");
    assertThat(NetworkCommands.remove("SHKD-r-1")).contains("-D $h -j SHKD-r-1", "-F SHKD-r-1", "-X SHKD-r-1")
        .doesNotContain("-F;", "-F ;").doesNotContainPattern("-F\\s*(2>|$)");
    assertThatThrownBy(() -> NetworkCommands.install("SHKD-r-1", List.of("-j DROP; rm -rf /"), List.of("INPUT")))
        .hasMessageContaining("unexpected characters");
    assertThatThrownBy(() -> NetworkCommands.install("SHKD-r-1", List.of("-j DROP"), List.of("PREROUTING")))
        .hasMessageContaining("INPUT, OUTPUT or FORWARD");
  }

  @Test
  void parsesChainsRulesAndTaskPids() {
    String listed = """
        -P INPUT ACCEPT
        -N SHKD-r-1
        -N KUBE-FIREWALL
        -A INPUT -j SHKD-r-1
        -A SHKD-r-1 -s 10.244.1.5/32 -j DROP
        -A SHKD-r-1 -d 10.244.1.5/32 -j DROP
        """;
    assertThat(NetworkCommands.chains(listed)).containsExactly("SHKD-r-1");
    assertThat(NetworkCommands.rulesOf(listed, "SHKD-r-1")).hasSize(2);
    String tasks = """
        TASK                 PID    STATUS
        abc                  243    RUNNING
        def                  0      STOPPED
        """;
    assertThat(NetworkCommands.pidOf(tasks, "abc", "pod/x")).isEqualTo("243");
    assertThatThrownBy(() -> NetworkCommands.pidOf(tasks, "def", "pod/ns/web-1"))
        .isInstanceOf(TargetException.class).hasMessageContaining("pod/ns/web-1").hasMessageContaining("not a RUNNING");
  }

  @Test
  void lossAndBandwidthOutsideTheirRangesAreRefusedWhenTheFaultIsMade() {
    PodTargets any = Targets.pod("web-1");
    assertThatThrownBy(() -> Faults.packetLoss(any, 0)).isInstanceOf(TargetException.class)
        .hasMessage("packet loss must be within (0, 100] percent, was 0.0");
    assertThatThrownBy(() -> Faults.packetLoss(any, 100.5)).hasMessageContaining("(0, 100]");
    assertThatThrownBy(() -> Faults.packetLoss(any, Double.NaN)).hasMessageContaining("(0, 100]");
    assertThat(NetworkCommands.dropRandomly(30)).isEqualTo("-m statistic --mode random --probability 0.3000 -j DROP");
    assertThatThrownBy(() -> Faults.bandwidth(any, 0)).hasMessage("bandwidth must be positive kbit/s, was 0");
    assertThat(NetworkCommands.limit("eth0", 1000)).isEqualTo("tc qdisc replace dev eth0 root tbf rate 1000kbit"
        + " burst 12500 latency 400ms");
    assertThatThrownBy(() -> NetworkCommands.requireIp("10.0.0.1; reboot", "peer")).isInstanceOf(TargetException.class);
  }

  @Test
  void aPodThatIsNotRunningOrUsesTheHostNetworkIsRefusedNamingIt() {
    FaultScope scope = new FaultScope(client, "chaos", new Timeline(), new Random(1), null);
    client.resource(pod("pending", "Pending", false, "10.244.1.9")).create();
    client.resource(pod("host", "Running", true, "172.18.0.3")).create();
    client.resource(pod("web", "Running", false, "10.244.1.10")).create();
    client.pods().inNamespace("chaos").withName("web").edit(p -> new PodBuilder(p).editMetadata()
        .addToLabels("app", "web").endMetadata().build());
    assertThatThrownBy(() -> Faults.partition(Targets.pod("pending")).from(Targets.pod("web")).inject(scope))
        .isInstanceOf(TargetException.class).hasMessage("pod/chaos/pending is Pending, not Running: partition needs"
            + " its network namespace");
    assertThatThrownBy(() -> Faults.dnsOutage(Targets.pod("host")).inject(scope))
        .isInstanceOf(TargetException.class).hasMessageContaining("pod/chaos/host uses the host network")
        .hasMessageContaining("Targets.node(\"worker\")");
    assertThatThrownBy(() -> Partition.split(Targets.bySelector("app=web").all(), Pick.half(), "halves").inject(scope))
        .isInstanceOf(TargetException.class).hasMessage("partition halves of all() of pods matching app=web: side B"
            + " is empty; a partition needs members on both sides");
  }

  private static Pod pod(String name, String phase, boolean hostNetwork, String ip) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("chaos").endMetadata()
        .withNewSpec().withNodeName("worker").withHostNetwork(hostNetwork).addNewContainer().withName("main")
        .endContainer().endSpec().withNewStatus().withPhase(phase).withPodIP(ip).endStatus().build();
  }
}
