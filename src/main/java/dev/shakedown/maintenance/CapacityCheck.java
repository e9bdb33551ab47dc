package dev.shakedown.maintenance;

import dev.shakedown.fault.NodeDrain;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers, before anything moves, whether each node's pods would fit on the other schedulable nodes: for the node
 * to be drained, its pods (not DaemonSet or mirror pods) are placed first-fit, largest CPU request first, on the
 * Ready, uncordoned other nodes, as the scheduler's hard rules allow: taints, {@code nodeSelector}, required node
 * affinity, required pod (anti-)affinity, the volume's node affinity, and requests against allocatable (cpu, memory,
 * pod count) less what the pods already there request. Each pod that cannot be placed is named with each node's
 * reason; a pod whose volume is pinned to the drained node is reported as waiting for it; a PodDisruptionBudget that
 * allows no disruption names the pods it would keep. Pure over a {@link State}: {@link #read} takes one from a
 * cluster.
 */
public final class CapacityCheck {

  /** What the check reads: nodes, pods (all namespaces), claims, volumes and disruption budgets. */
  public record State(List<Node> nodes, List<Pod> pods, List<PersistentVolumeClaim> claims,
      List<PersistentVolume> volumes, List<PodDisruptionBudget> budgets) {
    public State {
      nodes = List.copyOf(nodes);
      pods = List.copyOf(pods);
      claims = List.copyOf(claims);
      volumes = List.copyOf(volumes);
      budgets = List.copyOf(budgets);
    }
  }

  private static final List<String> RESOURCES = List.of("cpu", "memory");

  private final State state;

  private CapacityCheck(State state) {
    this.state = Objects.requireNonNull(state, "state");
  }

  public static CapacityCheck of(State state) {
    return new CapacityCheck(state);
  }

  /** Reads the cluster's nodes, pods, claims, volumes and budgets now. */
  public static CapacityCheck read(KubernetesClient client) {
    return of(new State(client.nodes().list().getItems(), client.pods().inAnyNamespace().list().getItems(),
        client.persistentVolumeClaims().inAnyNamespace().list().getItems(),
        client.persistentVolumes().list().getItems(),
        client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems()));
  }

  /** Each of {@code nodes} judged alone (the others all in service), in order. */
  public CapacityReport forNodes(List<String> nodes) {
    return new CapacityReport(nodes.stream().map(this::drain).toList());
  }

  /**
   * Where the pods of {@code nodeName} would go if it were drained now.
   *
   * @throws IllegalArgumentException naming the nodes there are when {@code nodeName} is not one of them
   */
  public NodePlan drain(String nodeName) {
    Node drained = state.nodes().stream().filter(n -> n.getMetadata().getName().equals(nodeName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("node " + nodeName + " is not one of the cluster's nodes "
            + state.nodes().stream().map(n -> n.getMetadata().getName()).toList()));
    List<Node> targets = state.nodes().stream().filter(n -> n != drained).filter(CapacityCheck::schedulable).toList();
    Map<String, List<Pod>> onNode = new HashMap<>();
    state.pods().stream().filter(CapacityCheck::active).filter(p -> p.getSpec().getNodeName() != null)
        .forEach(p -> onNode.computeIfAbsent(p.getSpec().getNodeName(), k -> new ArrayList<>()).add(p));
    Map<String, Map<String, BigDecimal>> free = new HashMap<>();
    targets.forEach(t -> free.put(name(t), free(t, onNode.getOrDefault(name(t), List.of()))));

    List<Pod> movers = onNode.getOrDefault(nodeName, List.of()).stream().filter(NodeDrain::evicts)
        .sorted(Comparator.comparing((Pod p) -> Scheduling.request(p, "cpu")).reversed()
            .thenComparing(p -> Scheduling.request(p, "memory"), Comparator.reverseOrder())
            .thenComparing(CapacityCheck::key))
        .toList();
    Map<String, String> placed = new LinkedHashMap<>();
    List<NodePlan.PodProblem> pinned = new ArrayList<>();
    List<NodePlan.PodProblem> unplaceable = new ArrayList<>();
    for (Pod pod : movers) {
      Optional<String> pin = pinnedTo(pod, drained);
      if (pin.isPresent()) {
        pinned.add(new NodePlan.PodProblem(key(pod), pin.get()));
        continue;
      }
      Map<String, String> why = new LinkedHashMap<>();
      Node chosen = null;
      for (Node t : targets) {
        Optional<String> no = refusal(pod, t, onNode, free.get(name(t)));
        if (no.isEmpty()) {
          chosen = t;
          break;
        }
        why.put(name(t), no.get());
      }
      if (chosen == null) {
        unplaceable.add(new NodePlan.PodProblem(key(pod), why.isEmpty() ? "no other schedulable node" : why.toString()));
      } else {
        placed.put(key(pod), name(chosen));
        Map<String, BigDecimal> f = free.get(name(chosen));
        RESOURCES.forEach(r -> f.merge(r, Scheduling.request(pod, r).negate(), BigDecimal::add));
        f.merge("pods", BigDecimal.ONE.negate(), BigDecimal::add);
        onNode.computeIfAbsent(name(chosen), k -> new ArrayList<>()).add(pod);
      }
    }
    return new NodePlan(nodeName, placed, pinned, unplaceable, blocked(movers));
  }

  private Optional<String> refusal(Pod pod, Node node, Map<String, List<Pod>> onNode, Map<String, BigDecimal> free) {
    Optional<String> taint = Scheduling.forbiddingTaint(pod, node);
    if (taint.isPresent()) {
      return Optional.of("taint " + taint.get() + " not tolerated");
    }
    Optional<String> mismatch = Scheduling.nodeMismatch(pod, node);
    if (mismatch.isPresent()) {
      return mismatch;
    }
    Optional<String> volume = volumeRefusal(pod, node);
    if (volume.isPresent()) {
      return volume;
    }
    Optional<String> affinity = podAffinityRefusal(pod, node, onNode);
    if (affinity.isPresent()) {
      return affinity;
    }
    if (free.get("pods").compareTo(BigDecimal.ONE) < 0) {
      return Optional.of("no room for another pod (allocatable pods reached)");
    }
    for (String r : RESOURCES) {
      BigDecimal need = Scheduling.request(pod, r);
      if (need.compareTo(free.get(r)) > 0) {
        return Optional.of("insufficient " + r + " (requests " + format(r, need) + ", " + format(r, free.get(r))
            + " free)");
      }
    }
    return Optional.empty();
  }

  /** The nodes a claim's volume may be used on, when its PersistentVolume has a node affinity. */
  private Optional<String> volumeRefusal(Pod pod, Node node) {
    for (PersistentVolume pv : volumes(pod)) {
      var affinity = pv.getSpec().getNodeAffinity();
      if (affinity != null && affinity.getRequired() != null
          && !Scheduling.matchesAnyTerm(affinity.getRequired().getNodeSelectorTerms(), node)) {
        return Optional.of("volume " + pv.getMetadata().getName() + " is bound to other nodes (its node affinity)");
      }
    }
    return Optional.empty();
  }

  private Optional<String> pinnedTo(Pod pod, Node drained) {
    for (PersistentVolume pv : volumes(pod)) {
      var affinity = pv.getSpec().getNodeAffinity();
      if (affinity == null || affinity.getRequired() == null) {
        continue;
      }
      List<String> allowed = state.nodes().stream()
          .filter(n -> Scheduling.matchesAnyTerm(affinity.getRequired().getNodeSelectorTerms(), n))
          .map(CapacityCheck::name).toList();
      if (allowed.equals(List.of(name(drained)))) {
        return Optional.of("waits for " + name(drained) + ": its volume " + pv.getMetadata().getName()
            + " lives on that node only");
      }
    }
    return Optional.empty();
  }

  private List<PersistentVolume> volumes(Pod pod) {
    List<PersistentVolume> out = new ArrayList<>();
    for (Volume v : pod.getSpec().getVolumes() == null ? List.<Volume>of() : pod.getSpec().getVolumes()) {
      if (v.getPersistentVolumeClaim() == null) {
        continue;
      }
      String claim = v.getPersistentVolumeClaim().getClaimName();
      state.claims().stream()
          .filter(c -> c.getMetadata().getName().equals(claim)
              && Objects.equals(c.getMetadata().getNamespace(), pod.getMetadata().getNamespace()))
          .map(c -> c.getSpec().getVolumeName()).filter(Objects::nonNull)
          .flatMap(vn -> state.volumes().stream().filter(pv -> pv.getMetadata().getName().equals(vn)))
          .forEach(out::add);
    }
    return out;
  }

  /** Required pod anti-affinity (both ways) and pod affinity, by the node label each term names as topology. */
  private Optional<String> podAffinityRefusal(Pod pod, Node node, Map<String, List<Pod>> onNode) {
    List<Pod> domain = new ArrayList<>();
    var affinity = pod.getSpec().getAffinity();
    for (PodAffinityTerm term : antiTerms(pod)) {
      domain = inDomain(node, term.getTopologyKey(), onNode);
      Optional<Pod> clash = domain.stream().filter(p -> p != pod && covers(term, pod, p)).findFirst();
      if (clash.isPresent()) {
        return Optional.of("pod anti-affinity with " + key(clash.get()) + " (" + term.getTopologyKey() + ")");
      }
    }
    for (Node other : state.nodes()) {
      for (Pod existing : onNode.getOrDefault(name(other), List.of())) {
        for (PodAffinityTerm term : antiTerms(existing)) {
          String k = term.getTopologyKey();
          if (existing != pod && Objects.equals(Scheduling.labels(other).get(k), Scheduling.labels(node).get(k))
              && Scheduling.labels(node).containsKey(k) && covers(term, existing, pod)) {
            return Optional.of("pod anti-affinity of " + key(existing) + " (" + k + ")");
          }
        }
      }
    }
    if (affinity != null && affinity.getPodAffinity() != null
        && affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
      for (PodAffinityTerm term : affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()) {
        boolean near = inDomain(node, term.getTopologyKey(), onNode).stream()
            .anyMatch(p -> p != pod && covers(term, pod, p));
        if (!near) {
          return Optional.of("required pod affinity " + (term.getLabelSelector() == null ? "{}"
              : term.getLabelSelector().getMatchLabels()) + " ("
              + term.getTopologyKey() + ") not met");
        }
      }
    }
    return Optional.empty();
  }

  private static List<PodAffinityTerm> antiTerms(Pod pod) {
    var affinity = pod.getSpec().getAffinity();
    return affinity == null || affinity.getPodAntiAffinity() == null
        || affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null ? List.of()
        : affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
  }

  /** Whether {@code term} of {@code owner} selects {@code other}: its namespaces (default the owner's) and labels. */
  private static boolean covers(PodAffinityTerm term, Pod owner, Pod other) {
    List<String> namespaces = term.getNamespaces() == null || term.getNamespaces().isEmpty()
        ? List.of(owner.getMetadata().getNamespace()) : term.getNamespaces();
    return namespaces.contains(other.getMetadata().getNamespace())
        && Scheduling.selects(term.getLabelSelector(), other.getMetadata().getLabels());
  }

  private List<Pod> inDomain(Node node, String topologyKey, Map<String, List<Pod>> onNode) {
    String value = Scheduling.labels(node).get(topologyKey);
    if (value == null) {
      return List.of();
    }
    return state.nodes().stream().filter(n -> value.equals(Scheduling.labels(n).get(topologyKey)))
        .flatMap(n -> onNode.getOrDefault(name(n), List.of()).stream()).toList();
  }

  private List<NodePlan.PodProblem> blocked(List<Pod> movers) {
    List<NodePlan.PodProblem> out = new ArrayList<>();
    for (PodDisruptionBudget pdb : state.budgets()) {
      var status = pdb.getStatus();
      if (status == null || status.getDisruptionsAllowed() == null || status.getDisruptionsAllowed() > 0) {
        continue;
      }
      movers.stream()
          .filter(p -> Objects.equals(p.getMetadata().getNamespace(), pdb.getMetadata().getNamespace()))
          .filter(p -> Scheduling.selects(pdb.getSpec().getSelector(), p.getMetadata().getLabels()))
          .forEach(p -> out.add(new NodePlan.PodProblem(key(p), "PodDisruptionBudget "
              + pdb.getMetadata().getNamespace() + "/" + pdb.getMetadata().getName() + " allows 0 disruptions ("
              + status.getCurrentHealthy() + " healthy, " + status.getDesiredHealthy() + " required)")));
    }
    return out;
  }

  private static Map<String, BigDecimal> free(Node node, List<Pod> pods) {
    Map<String, BigDecimal> free = new HashMap<>();
    var allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null ? Map.<String,
        io.fabric8.kubernetes.api.model.Quantity>of() : node.getStatus().getAllocatable();
    for (String r : RESOURCES) {
      BigDecimal used = pods.stream().map(p -> Scheduling.request(p, r)).reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal has = allocatable.get(r) == null ? BigDecimal.ZERO : allocatable.get(r).getNumericalAmount();
      free.put(r, has.subtract(used));
    }
    BigDecimal podSlots = allocatable.get("pods") == null ? BigDecimal.valueOf(110)
        : allocatable.get("pods").getNumericalAmount();
    free.put("pods", podSlots.subtract(BigDecimal.valueOf(pods.size())));
    return free;
  }

  private static boolean schedulable(Node node) {
    boolean cordoned = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus()
        .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    return !cordoned && ready;
  }

  private static boolean active(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  private static String format(String resource, BigDecimal amount) {
    if (resource.equals("cpu")) {
      return amount.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP) + "m";
    }
    return amount.divide(BigDecimal.valueOf(1024 * 1024), 0, java.math.RoundingMode.HALF_UP) + "Mi";
  }

  private static String name(Node node) {
    return node.getMetadata().getName();
  }

  static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
