package dev.shakedown.fault;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A network partition in Jepsen's grudge style: each member of side A drops every packet from and to each member of
 * side B, and B likewise (or, {@link #oneWay()}, only A stops hearing B). Members are pods (their own network
 * namespace, by pod IP) or nodes (the node container's namespace, by InternalIP: hostNetwork pods, kubelet to API
 * server). The rules live in a chain of Shakedown's own, jumped to first from INPUT/OUTPUT, so established
 * connections are cut too; traffic to a Service is cut on the receiving side, after the node has translated it.
 * Healing deletes only that chain and its jumps. Made by {@link Faults#partition(PodTargets)} and friends.
 */
public final class Partition implements Fault {

  private final String description;
  private final BiFunction<FaultScope, String, List<List<NetNamespace>>> sides;
  private final boolean oneWay;

  Partition(String description, BiFunction<FaultScope, String, List<List<NetNamespace>>> sides, boolean oneWay) {
    this.description = description;
    this.sides = sides;
    this.oneWay = oneWay;
  }

  /** Side A of a partition, waiting for the side it is cut from. */
  public static final class Side {
    private final String description;
    private final BiFunction<FaultScope, String, List<NetNamespace>> members;

    Side(String description, BiFunction<FaultScope, String, List<NetNamespace>> members) {
      this.description = description;
      this.members = members;
    }

    /** Cuts this side from those pods, both directions. */
    public Partition from(PodTargets other) {
      return from(pods(other));
    }

    /** Cuts this side from those nodes, both directions. */
    public Partition from(NodeTargets other) {
      return from(nodes(other));
    }

    private Partition from(Side b) {
      return new Partition(description + " | " + b.description, (scope, fault) ->
          List.of(members.apply(scope, fault), b.members.apply(scope, fault)), false);
    }
  }

  static Side pods(PodTargets targets) {
    Objects.requireNonNull(targets, "targets");
    return new Side(targets.toString(), (scope, fault) ->
        targets.select(scope).stream().map(p -> NetNamespace.ofPod(scope, fault, p)).toList());
  }

  static Side nodes(NodeTargets targets) {
    Objects.requireNonNull(targets, "targets");
    return new Side(targets.toString(), (scope, fault) ->
        targets.select(scope).stream().map(n -> NetNamespace.ofNode(scope, fault, n)).toList());
  }

  /** The chosen pods against every other Running pod of the scenario's namespace. */
  static Partition isolate(PodTargets targets) {
    return new Partition(targets + " | every other pod", (scope, fault) -> {
      List<Pod> chosen = targets.select(scope);
      Set<String> names = chosen.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
      List<NetNamespace> others = scope.client().pods().inNamespace(scope.namespace()).list().getItems().stream()
          .filter(p -> !names.contains(p.getMetadata().getName()) && "Running".equals(p.getStatus().getPhase())
              && p.getMetadata().getDeletionTimestamp() == null)
          .map(p -> NetNamespace.ofPod(scope, fault, p)).toList();
      return List.of(chosen.stream().map(p -> NetNamespace.ofPod(scope, fault, p)).toList(), others);
    }, false);
  }

  /** The chosen nodes against every other node. */
  static Partition isolate(NodeTargets targets) {
    return new Partition(targets + " | every other node", (scope, fault) -> {
      List<String> chosen = targets.select(scope);
      List<NetNamespace> others = Targets.nodes().all().select(scope).stream().filter(n -> !chosen.contains(n))
          .map(n -> NetNamespace.ofNode(scope, fault, n)).toList();
      return List.of(chosen.stream().map(n -> NetNamespace.ofNode(scope, fault, n)).toList(), others);
    }, false);
  }

  /** A seeded split of the candidates: {@code first} picks side A, the rest are side B. */
  static Partition split(PodTargets candidates, Pick first, String how) {
    return new Partition(how + " of " + candidates, (scope, fault) -> {
      List<Pod> all = candidates.all().select(scope);
      List<Pod> a = first.choose(all, p -> p.getMetadata().getName(), scope.random(), "pods " + candidates);
      List<Pod> b = all.stream().filter(p -> !a.contains(p)).toList();
      if (b.isEmpty()) {
        throw new TargetException("partition " + how + " of " + candidates + ": side B is empty; a partition needs"
            + " members on both sides");
      }
      return List.of(a.stream().map(p -> NetNamespace.ofPod(scope, fault, p)).toList(),
          b.stream().map(p -> NetNamespace.ofPod(scope, fault, p)).toList());
    }, false);
  }

  /** Only side A stops hearing side B (A's INPUT drops B); B still receives what A sends. */
  public Partition oneWay() {
    return new Partition(description, sides, true);
  }

  @Override
  public String name() {
    return "partition";
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    List<List<NetNamespace>> ab = sides.apply(scope, name());
    List<NetNamespace> a = ab.get(0);
    List<NetNamespace> b = ab.get(1);
    check(a, b);
    List<Chains.Entry> entries = new ArrayList<>();
    for (NetNamespace x : a) {
      entries.add(oneWay ? new Chains.Entry(x, b.stream().map(y -> NetworkCommands.dropFrom(y.ip())).toList(),
          List.of("INPUT")) : cut(x, b));
    }
    if (!oneWay) {
      b.forEach(y -> entries.add(cut(y, a)));
    }
    Chains chains = Chains.install(scope, name(), entries);
    List<String> targets = Stream.concat(a.stream(), b.stream()).map(NetNamespace::label).toList();
    return Handle.injected(scope, name(), labels(a) + (oneWay ? " does not hear " : " | ") + labels(b) + " (chain "
        + chains.name() + ")", targets, chains::remove);
  }

  private void check(List<NetNamespace> a, List<NetNamespace> b) {
    if (a.isEmpty() || b.isEmpty()) {
      throw new TargetException("partition " + description + ": side " + (a.isEmpty() ? "A" : "B")
          + " is empty; a partition needs members on both sides");
    }
    Set<String> ips = a.stream().map(NetNamespace::ip).collect(Collectors.toSet());
    List<String> both = b.stream().filter(n -> ips.contains(n.ip())).map(NetNamespace::toString).toList();
    if (!both.isEmpty()) {
      throw new TargetException("partition " + description + ": " + both + " on both sides; the sides must not"
          + " overlap");
    }
  }

  private static Chains.Entry cut(NetNamespace x, List<NetNamespace> peers) {
    List<String> rules = new ArrayList<>();
    for (NetNamespace y : peers) {
      rules.add(NetworkCommands.dropFrom(y.ip()));
      rules.add(NetworkCommands.dropTo(y.ip()));
    }
    return new Chains.Entry(x, rules, List.of("INPUT", "OUTPUT"));
  }

  private static String labels(List<NetNamespace> side) {
    return side.stream().map(NetNamespace::label).toList().toString();
  }

  @Override
  public String toString() {
    return "partition " + description + (oneWay ? " one way" : "");
  }
}
