package dev.shakedown.fault;

import dev.shakedown.workload.Workload;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Static factories for fault targets. Each names the candidates; the amount defaults to one and is set with
 * {@code one() / count(n) / percent(p) / all() / minority() / majority()}. The choice is drawn from the
 * scenario's seeded random source when the fault is injected:
 *
 * <pre>{@code
 * Faults.podKill(Targets.pods(web).percent(50));
 * Faults.nodeStop(Targets.workers().one());
 * }</pre>
 */
public final class Targets {

  /** The label kubeadm puts on control-plane nodes. */
  public static final String CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

  private Targets() {}

  /** The pods of a workload, in the scenario's namespace. */
  public static PodTargets pods(Workload workload) {
    return bySelector(workload.selector());
  }

  /** Pods in the scenario's namespace matching every label of {@code labels}. */
  public static PodTargets bySelector(Map<String, String> labels) {
    Map<String, String> copy = Map.copyOf(labels);
    if (copy.isEmpty()) {
      throw new TargetException("a pod selector needs at least one label");
    }
    String text = copy.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    return new PodTargets("matching " + text,
        scope -> scope.client().pods().inNamespace(scope.namespace()).withLabels(copy).list().getItems(),
        Pick.count(1));
  }

  /** Pods matching an equality selector written {@code key=value,key2=value2}. */
  public static PodTargets bySelector(String selector) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String part : selector.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new TargetException("selector '" + selector + "': expected key=value[,key=value...]");
      }
      labels.put(kv[0].trim(), kv[1].trim());
    }
    return bySelector(labels);
  }

  /** One pod by name, in the scenario's namespace; fails naming it when it does not exist. */
  public static PodTargets pod(String name) {
    Objects.requireNonNull(name, "name");
    return new PodTargets("named " + name, scope -> {
      Pod pod = scope.client().pods().inNamespace(scope.namespace()).withName(name).get();
      if (pod == null) {
        throw new TargetException("Pod " + scope.namespace() + "/" + name + " not found");
      }
      return List.of(pod);
    }, Pick.count(1));
  }

  /** The worker nodes (every node without the control-plane role label). */
  public static NodeTargets workers() {
    return new NodeTargets("without role control-plane", scope -> scope.client().nodes().list().getItems().stream()
        .filter(n -> n.getMetadata().getLabels() == null
            || !n.getMetadata().getLabels().containsKey(CONTROL_PLANE_LABEL))
        .toList(), Pick.count(1));
  }

  /** The control-plane node(s): every node with the control-plane role label. */
  public static NodeTargets controlPlane() {
    return new NodeTargets("with role control-plane", scope -> scope.client().nodes().withLabel(CONTROL_PLANE_LABEL)
        .list().getItems(), Pick.count(1));
  }

  /** Every node, the control plane included. */
  public static NodeTargets nodes() {
    return new NodeTargets("of the cluster", scope -> scope.client().nodes().list().getItems(), Pick.count(1));
  }

  /** One node by name; fails naming it when it does not exist. */
  public static NodeTargets node(String name) {
    Objects.requireNonNull(name, "name");
    return new NodeTargets("named " + name, scope -> {
      Node node = scope.client().nodes().withName(name).get();
      if (node == null) {
        throw new TargetException("Node " + name + " not found");
      }
      return List.of(node);
    }, Pick.count(1));
  }

  /** The nodes that currently run at least one of the workload's pods. */
  public static NodeTargets nodesRunning(Workload workload) {
    return new NodeTargets("running pods of " + workload.name(), scope -> {
      Set<String> names = workload.pods().stream()
          .map(p -> p.getSpec().getNodeName()).filter(Objects::nonNull).collect(Collectors.toSet());
      return scope.client().nodes().list().getItems().stream()
          .filter(n -> names.contains(n.getMetadata().getName())).toList();
    }, Pick.count(1));
  }
}
