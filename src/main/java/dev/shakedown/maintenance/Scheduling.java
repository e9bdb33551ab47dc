package dev.shakedown.maintenance;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The scheduler's hard rules that decide where a pod may go, as pure functions of fabric8 objects: taints and
 * tolerations (NoSchedule, NoExecute), {@code nodeSelector}, required node affinity, label selectors, and the pod's
 * effective requests (the larger of its containers' sum and its largest init container, plus overhead).
 * Preferences (PreferNoSchedule, preferred affinity) never forbid a node, so they are not judged.
 */
final class Scheduling {

  private Scheduling() {}

  /** The first taint of {@code node} that forbids {@code pod}, as {@code key=value:Effect}. */
  static Optional<String> forbiddingTaint(Pod pod, Node node) {
    List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
        : node.getSpec().getTaints();
    List<Toleration> tolerations = pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
    return taints.stream()
        .filter(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
        .filter(t -> tolerations.stream().noneMatch(tol -> tolerates(tol, t)))
        .map(t -> t.getKey() + (t.getValue() == null || t.getValue().isEmpty() ? "" : "=" + t.getValue()) + ":"
            + t.getEffect())
        .findFirst();
  }

  static boolean tolerates(Toleration toleration, Taint taint) {
    if (toleration.getEffect() != null && !toleration.getEffect().isEmpty()
        && !toleration.getEffect().equals(taint.getEffect())) {
      return false;
    }
    boolean exists = "Exists".equals(toleration.getOperator());
    if (toleration.getKey() == null || toleration.getKey().isEmpty()) {
      return exists;
    }
    return toleration.getKey().equals(taint.getKey())
        && (exists || Objects.equals(nullToEmpty(toleration.getValue()), nullToEmpty(taint.getValue())));
  }

  /** Why {@code node} fails the pod's {@code nodeSelector} or required node affinity, if it does. */
  static Optional<String> nodeMismatch(Pod pod, Node node) {
    Map<String, String> labels = labels(node);
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    if (selector != null) {
      for (Map.Entry<String, String> e : selector.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return Optional.of("nodeSelector " + e.getKey() + "=" + e.getValue() + " (node has "
              + labels.getOrDefault(e.getKey(), "no such label") + ")");
        }
      }
    }
    var affinity = pod.getSpec().getAffinity();
    if (affinity == null || affinity.getNodeAffinity() == null
        || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
      return Optional.empty();
    }
    List<NodeSelectorTerm> terms = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms();
    return matchesAnyTerm(terms, node) ? Optional.empty() : Optional.of("required node affinity " + terms.stream()
        .map(Scheduling::describe).toList());
  }

  /** Node selector terms are ORed, the requirements of one term ANDed (an empty term matches nothing). */
  static boolean matchesAnyTerm(List<NodeSelectorTerm> terms, Node node) {
    return terms.stream().anyMatch(term -> {
      List<NodeSelectorRequirement> exprs = term.getMatchExpressions() == null ? List.of() : term.getMatchExpressions();
      List<NodeSelectorRequirement> fields = term.getMatchFields() == null ? List.of() : term.getMatchFields();
      if (exprs.isEmpty() && fields.isEmpty()) {
        return false;
      }
      Map<String, String> labels = labels(node);
      Map<String, String> byField = Map.of("metadata.name", node.getMetadata().getName());
      return exprs.stream().allMatch(r -> matches(r.getOperator(), labels.get(r.getKey()), r.getValues()))
          && fields.stream().allMatch(r -> matches(r.getOperator(), byField.get(r.getKey()), r.getValues()));
    });
  }

  private static boolean matches(String operator, String value, List<String> values) {
    List<String> vs = values == null ? List.of() : values;
    return switch (operator) {
      case "In" -> value != null && vs.contains(value);
      case "NotIn" -> value == null || !vs.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      case "Gt", "Lt" -> value != null && !vs.isEmpty() && numeric(value, vs.get(0), operator);
      default -> false;
    };
  }

  private static boolean numeric(String value, String bound, String operator) {
    try {
      int c = Long.compare(Long.parseLong(value), Long.parseLong(bound));
      return operator.equals("Gt") ? c > 0 : c < 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Whether {@code labels} match the label selector (matchLabels and matchExpressions ANDed; null matches nothing). */
  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> ls = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null
        && !selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(ls.get(e.getKey())))) {
      return false;
    }
    List<LabelSelectorRequirement> exprs = selector.getMatchExpressions() == null ? List.of()
        : selector.getMatchExpressions();
    return exprs.stream().allMatch(r -> matches(r.getOperator(), ls.get(r.getKey()), r.getValues()));
  }

  /** The pod's effective request of {@code resource} (e.g. {@code cpu}, {@code memory}), in its base unit. */
  static BigDecimal request(Pod pod, String resource) {
    BigDecimal containers = sum(pod.getSpec().getContainers(), resource);
    BigDecimal init = pod.getSpec().getInitContainers() == null ? BigDecimal.ZERO : pod.getSpec().getInitContainers()
        .stream().map(c -> amount(c, resource)).reduce(BigDecimal.ZERO, BigDecimal::max);
    BigDecimal overhead = pod.getSpec().getOverhead() == null || pod.getSpec().getOverhead().get(resource) == null
        ? BigDecimal.ZERO : pod.getSpec().getOverhead().get(resource).getNumericalAmount();
    return containers.max(init).add(overhead);
  }

  private static BigDecimal sum(List<Container> containers, String resource) {
    return containers == null ? BigDecimal.ZERO
        : containers.stream().map(c -> amount(c, resource)).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal amount(Container c, String resource) {
    if (c.getResources() == null || c.getResources().getRequests() == null) {
      return BigDecimal.ZERO;
    }
    Quantity q = c.getResources().getRequests().get(resource);
    return q == null ? BigDecimal.ZERO : q.getNumericalAmount();
  }

  static Map<String, String> labels(Node node) {
    return node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
  }

  private static String describe(NodeSelectorTerm term) {
    List<NodeSelectorRequirement> all = new java.util.ArrayList<>();
    if (term.getMatchExpressions() != null) {
      all.addAll(term.getMatchExpressions());
    }
    if (term.getMatchFields() != null) {
      all.addAll(term.getMatchFields());
    }
    return String.join(" and ", all.stream().map(r -> r.getKey() + " " + r.getOperator()
        + (r.getValues() == null || r.getValues().isEmpty() ? "" : " " + r.getValues())).toList());
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
