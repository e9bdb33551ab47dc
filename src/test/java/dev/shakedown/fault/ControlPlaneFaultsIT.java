package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.cluster.Node;
import dev.shakedown.cluster.NodeResidue;
import dev.shakedown.history.Operation;
import dev.shakedown.history.TimelineEvent;
import dev.shakedown.internal.Waits;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.observe.TimelineRecorder;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.HttpService;
import dev.shakedown.web.Probe;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Control-plane and kubelet faults on kind, and the repair of what a run killed mid-fault leaves inside a node. */
@ChaosTest
class ControlPlaneFaultsIT {

  @Test
  void workloadsKeepServingThroughAnApiServerOutageWhileApiCallsFailBounded(ScenarioContext ctx) throws Exception {
    HttpService web = HttpService.of(ctx).replicas(2).pdb(false).deploy().awaitReady(Duration.ofMinutes(2));
    Probe probe = Probe.http(ctx, web);
    TimelineRecorder.start(ctx);
    Waits.untilTrue("the probe has answers", Duration.ofSeconds(30), Waits.POLL,
        () -> probe.history().snapshot().stream().anyMatch(Operation::isOk));

    long t0 = System.nanoTime();
    FaultHandle outage = Faults.controlPlaneOutage(ControlPlaneOutage.Component.API_SERVER).inject(ctx);
    long injected = System.nanoTime();
    long c0 = System.nanoTime();
    assertThatThrownBy(() -> ctx.client().pods().inNamespace(ctx.namespace()).list())
        .as("an API call while the API server is down").isInstanceOf(RuntimeException.class);
    long callMs = (System.nanoTime() - c0) / 1_000_000;
    int during = probe.history().size();
    double okBefore = okRatio(probe.history().snapshot().subList(0, during));
    Thread.sleep(10_000);   // hold the outage: the probe keeps asking the NodePort meanwhile
    List<Operation> held = probe.history().snapshot().subList(during, probe.history().size());
    long h0 = System.nanoTime();
    outage.close();
    long healed = System.nanoTime();

    assertThat(ctx.client().pods().inNamespace(ctx.namespace()).list().getItems()).hasSize(2);
    double okHeld = okRatio(held);
    System.out.printf("MEASURE api-server outage: probe success ratio %.3f before, %.3f while down (%d answers)%n",
        okBefore, okHeld, held.stream().filter(op -> !op.isInvoke()).count());
    assertThat(okHeld).as("share of probe answers OK while the API server was down").isGreaterThanOrEqualTo(0.98);
    List<TimelineEvent> marks = ctx.timeline().snapshot().stream().filter(e -> e.source().equals("control-plane"))
        .toList();
    assertThat(marks).extracting(TimelineEvent::kind).containsExactly("down", "up");
    System.out.printf("MEASURE api-server outage: inject %d ms, an API call failed after %d ms, heal %d ms, %s%n",
        (injected - t0) / 1_000_000, callMs, (healed - h0) / 1_000_000, marks.get(1).detail());
    assertThat(callMs).as("ms an API call took to fail while the API server was down").isLessThan(5_000);
    List<TimelineEvent> resumed = Waits.until("the three informers' watches resumed", Duration.ofSeconds(90),
        Waits.POLL, () -> ctx.timeline().snapshot().stream().filter(e -> e.kind().equals("watch-resumed")).toList(),
        r -> r.size() >= 3);
    assertThat(ctx.timeline().snapshot()).filteredOn(e -> e.kind().equals("watch-lost"))
        .extracting(TimelineEvent::subject).contains("informer/nodes", "informer/pods", "informer/events");
    System.out.printf("MEASURE api-server outage: watch gaps %s%n",
        resumed.stream().map(e -> e.subject() + " " + e.detail()).toList());
    Node cp = ctx.cluster().node(ctx.client().nodes().withLabel(Targets.CONTROL_PLANE_LABEL).list().getItems().get(0)
        .getMetadata().getName());
    assertThat(cp.exec("ls", NodeResidue.MANIFESTS)).contains("kube-apiserver.yaml");
  }

  private static double okRatio(List<Operation> ops) {
    List<Operation> done = ops.stream().filter(op -> !op.isInvoke()).toList();
    return done.isEmpty() ? 0 : (double) done.stream().filter(Operation::isOk).count() / done.size();
  }

  @Test
  void aStoppedKubeletTakesItsNodeNotReadyWhileItsPodsKeepRunning(ScenarioContext ctx) {
    HttpService web = HttpService.of(ctx).replicas(1).pdb(false).deploy().awaitReady(Duration.ofMinutes(2));
    Pod pod = web.pods().get(0);
    String nodeName = pod.getSpec().getNodeName();
    Node node = ctx.cluster().node(nodeName);
    String id = pod.getStatus().getContainerStatuses().get(0).getContainerID().substring("containerd://".length());

    long t0 = System.nanoTime();
    FaultHandle stop = Faults.kubeletStop(Targets.node(nodeName)).inject(ctx);
    assertThat(KubeletStop.state(node)).isEqualTo("inactive");
    Waits.untilTrue("node/" + nodeName + " NotReady", Duration.ofMinutes(2), Waits.POLL, () ->
        ctx.client().nodes().withName(nodeName).get().getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && !c.getStatus().equals("True")));
    long notReady = System.nanoTime();
    assertThat(NetworkCommands.pidOf(node.exec("ctr", "-n", "k8s.io", "task", "ls"), id, "pod")).as("pid").isNotBlank();
    stop.close();
    long healed = System.nanoTime();
    assertThat(KubeletStop.state(node)).isEqualTo("active");
    System.out.printf("MEASURE kubelet-stop: NotReady %d ms after the stop, Ready %d ms after the heal began%n",
        (notReady - t0) / 1_000_000, (healed - notReady) / 1_000_000);
  }

  @Test
  void whatAKilledRunLeavesInsideTheNodesIsPutBack(ScenarioContext ctx) {
    HttpService a = HttpService.of(ctx.client(), ctx.namespace(), "a").replicas(1).pdb(false).deploy()
        .awaitReady(Duration.ofMinutes(2));
    HttpService b = HttpService.of(ctx.client(), ctx.namespace(), "b").replicas(1).pdb(false).deploy()
        .awaitReady(Duration.ofMinutes(2));
    FaultScope scope = FaultScope.of(ctx);
    String worker = Targets.workers().all().select(scope).get(0);
    // a run that dies mid-fault never closes its handles: inject without registering them
    Faults.partition(Targets.pods(a).one()).from(Targets.pods(b).one()).inject(scope);
    Faults.isolate(Targets.node(worker)).inject(scope);
    NetNamespace pa = NetNamespace.ofPod(scope, "test", a.pods().get(0));
    NetNamespace pb = NetNamespace.ofPod(scope, "test", b.pods().get(0));
    assertThat(NetworkCommands.chains(pa.run(NetworkCommands.list()))).hasSize(1);

    List<String> actions = ctx.cluster().nodes().stream().flatMap(n -> NodeResidue.restore(n).stream()).toList();
    System.out.println("[shakedown] restored: " + actions);
    assertThat(actions).filteredOn(l -> l.startsWith("removed iptables chain SHKD-")).hasSizeGreaterThanOrEqualTo(3);
    for (NetNamespace n : List.of(pa, pb, NetNamespace.ofNode(scope, "test", worker))) {
      assertThat(NetworkCommands.chains(n.run(NetworkCommands.list()))).as("chains left in %s", n).isEmpty();
    }
    assertThat(pa.run("timeout 3 bash -c 'exec 3<>/dev/tcp/" + pb.ip() + "/8080' && echo reached"))
        .as("a connects to b again").contains("reached");
  }
}
