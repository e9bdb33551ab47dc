package dev.shakedown.maintenance;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class CapacityCheckTest {

  private final List<Node> nodes = new ArrayList<>();
  private final List<Pod> pods = new ArrayList<>();
  private final List<PersistentVolumeClaim> claims = new ArrayList<>();
  private final List<PersistentVolume> volumes = new ArrayList<>();
  private final List<PodDisruptionBudget> budgets = new ArrayList<>();

  private CapacityCheck check() {
    return CapacityCheck.of(new CapacityCheck.State(nodes, pods, claims, volumes, budgets));
  }

  @Test
  void podsThatFitOnTheOtherNodesArePlacedAndTheVerdictIsValid() {
    node("a", "2");
    node("b", "2");
    pod("web-1", "a", "500m");
    pod("web-2", "a", "500m");
    pod("other", "b", "500m");

    NodePlan plan = check().drain("a");

    Assertions.assertThat(plan.placed()).containsOnly(Map.entry("ns/web-1", "b"), Map.entry("ns/web-2", "b"));
    assertThat(check().forNodes(List.of("a", "b")).verdict()).isValid().hasCount("placed", 3).hasCount("nodes", 2);
  }

  @Test
  void aPodTooLargeForWhatIsLeftIsNamedWithEachNodesReason() {
    node("a", "2");
    node("b", "2");
    pod("big-0", "a", "1500m");
    pod("big-1", "b", "1500m");

    NodePlan plan = check().drain("a");

    Assertions.assertThat(plan.unplaceable()).extracting(NodePlan.PodProblem::toString)
        .containsExactly("ns/big-0: {b=insufficient cpu (requests 1500m, 500m free)}");
    var verdict = check().forNodes(List.of("a")).verdict();
    assertThat(verdict).isInvalid().hasCount("unplaceable", 1);
    Assertions.assertThat(verdict.summary()).contains("ns/big-0", "insufficient cpu");
  }

  @Test
  void anUntoleratedTaintRefusesANodeAndATolerationLetsThePodThere() {
    node("a", "2");
    Node cp = node("cp", "2");
    cp.getSpec().setTaints(List.of(new io.fabric8.kubernetes.api.model.TaintBuilder()
        .withKey("node-role.kubernetes.io/control-plane").withEffect("NoSchedule").build()));
    pod("plain", "a", "100m");
    Pod tolerant = pod("tolerant", "a", "100m");
    tolerant.getSpec().setTolerations(List.of(new io.fabric8.kubernetes.api.model.TolerationBuilder()
        .withKey("node-role.kubernetes.io/control-plane").withOperator("Exists").withEffect("NoSchedule").build()));

    NodePlan plan = check().drain("a");

    Assertions.assertThat(plan.placed()).containsOnly(Map.entry("ns/tolerant", "cp"));
    Assertions.assertThat(plan.unplaceable()).extracting(NodePlan.PodProblem::why)
        .containsExactly("{cp=taint node-role.kubernetes.io/control-plane:NoSchedule not tolerated}");
  }

  @Test
  void requiredAntiAffinityKeepsAReplicaOffANodeThatHasOneAndACordonedNodeTakesNothing() {
    node("a", "2");
    node("b", "2");
    node("c", "2");
    node("d", "2").getSpec().setUnschedulable(true);
    antiAffine(pod("web-0", "a", "100m"));
    antiAffine(pod("web-1", "b", "100m"));

    NodePlan plan = check().drain("a");

    Assertions.assertThat(plan.placed()).containsOnly(Map.entry("ns/web-0", "c"));
    antiAffine(pod("web-2", "c", "100m"));
    Assertions.assertThat(check().drain("a").unplaceable()).extracting(NodePlan.PodProblem::why).singleElement()
        .asString().contains("b=pod anti-affinity with ns/web-1 (kubernetes.io/hostname)")
        .contains("c=pod anti-affinity with ns/web-2").doesNotContain("d=");
  }

  @Test
  void aPodWhoseVolumeLivesOnTheDrainedNodeWaitsForItAndOneElsewhereGoesThere() {
    node("a", "2");
    node("b", "2");
    node("c", "2");
    claimed(pod("db-0", "a", "100m"), "data-0", "pv-0", "a");
    claimed(pod("db-1", "a", "100m"), "data-1", "pv-1", "c");

    NodePlan plan = check().drain("a");

    Assertions.assertThat(plan.pinned()).extracting(NodePlan.PodProblem::toString)
        .containsExactly("ns/db-0: waits for a: its volume pv-0 lives on that node only");
    Assertions.assertThat(plan.placed()).containsOnly(Map.entry("ns/db-1", "c"));
    assertThat(check().forNodes(List.of("a")).verdict()).isValid().hasCount("pinned", 1);
  }

  @Test
  void aBudgetThatAllowsNoDisruptionNamesThePodsItKeeps() {
    node("a", "2");
    node("b", "2");
    pod("web-0", "a", "100m");
    pod("web-1", "b", "100m");
    budgets.add(new PodDisruptionBudgetBuilder().withNewMetadata().withName("web").withNamespace("ns").endMetadata()
        .withNewSpec().withSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build())
        .endSpec().withNewStatus().withDisruptionsAllowed(0).withCurrentHealthy(2).withDesiredHealthy(2)
        .withExpectedPods(2).endStatus().build());

    NodePlan plan = check().drain("a");

    Assertions.assertThat(plan.blocked()).extracting(NodePlan.PodProblem::toString)
        .containsExactly("ns/web-0: PodDisruptionBudget ns/web allows 0 disruptions (2 healthy, 2 required)");
    assertThat(check().forNodes(List.of("a")).verdict()).isInvalid().hasCount("blocked", 1);
  }

  @Test
  void daemonSetAndMirrorPodsStayAndAnUnknownNodeIsRefusedNamingTheNodes() {
    node("a", "2");
    node("b", "0");
    Pod daemon = pod("proxy", "a", "100m");
    daemon.getMetadata().setOwnerReferences(List.of(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
        .withKind("DaemonSet").withName("kube-proxy").withController(true).build()));
    pod("etcd-a", "a", "100m").getMetadata().setAnnotations(Map.of("kubernetes.io/config.mirror", "x"));

    NodePlan plan = check().drain("a");

    Assertions.assertThat(plan.placed()).isEmpty();
    Assertions.assertThat(plan.unplaceable()).isEmpty();
    assertThatThrownBy(() -> check().drain("z")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node z is not one of the cluster's nodes [a, b]");
  }

  private Node node(String name, String cpu) {
    Node node = new NodeBuilder().withNewMetadata().withName(name)
        .withLabels(Map.of("kubernetes.io/hostname", name)).endMetadata().withNewSpec().endSpec()
        .withNewStatus().withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("8Gi"),
            "pods", new Quantity("110")))
        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build();
    nodes.add(node);
    return node;
  }

  private Pod pod(String name, String node, String cpu) {
    Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns")
        .withLabels(Map.of("app", name.replaceAll("-\\d+$", ""))).endMetadata()
        .withNewSpec().withNodeName(node).addNewContainer().withName("c").withNewResources()
        .withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("64Mi"))).endResources().endContainer()
        .endSpec().withNewStatus().withPhase("Running").endStatus().build();
    pods.add(pod);
    return pod;
  }

  private static void antiAffine(Pod pod) {
    pod.getSpec().setAffinity(new io.fabric8.kubernetes.api.model.AffinityBuilder().withNewPodAntiAffinity()
        .addNewRequiredDuringSchedulingIgnoredDuringExecution().withTopologyKey("kubernetes.io/hostname")
        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build())
        .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().build());
  }

  private void claimed(Pod pod, String claim, String pv, String onNode) {
    pod.getSpec().setVolumes(List.of(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName("data")
        .withNewPersistentVolumeClaim().withClaimName(claim).endPersistentVolumeClaim().build()));
    claims.add(new PersistentVolumeClaimBuilder().withNewMetadata().withName(claim).withNamespace("ns").endMetadata()
        .withNewSpec().withVolumeName(pv).endSpec().build());
    volumes.add(new PersistentVolumeBuilder().withNewMetadata().withName(pv).endMetadata().withNewSpec()
        .withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
        .withKey("kubernetes.io/hostname").withOperator("In").withValues(onNode).endMatchExpression()
        .endNodeSelectorTerm().endRequired().endNodeAffinity().endSpec().build());
  }
}
