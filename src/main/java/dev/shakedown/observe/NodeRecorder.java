package dev.shakedown.observe;

import dev.shakedown.history.Timeline;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Objects;

/**
 * Turns node informer callbacks into timeline entries: the Ready condition's transitions (Ready / NotReady
 * / Unknown, API time = lastTransitionTime), Cordoned / Uncordoned, ADDED and DELETED.
 */
final class NodeRecorder implements ResourceEventHandler<Node> {

  private final Timeline timeline;

  NodeRecorder(Timeline timeline) {
    this.timeline = timeline;
  }

  @Override
  public void onAdd(Node node) {
    NodeCondition ready = ready(node);
    timeline.mark("node", "ADDED").subject(subject(node)).detail("Ready=" + (ready == null ? null : ready.getStatus())).apiTime(ready == null ? null : ApiTimes.parse(ready.getLastTransitionTime())).record();
  }

  @Override
  public void onUpdate(Node old, Node node) {
    NodeCondition before = ready(old);
    NodeCondition after = ready(node);
    String was = before == null ? null : before.getStatus();
    String is = after == null ? null : after.getStatus();
    if (after != null && !Objects.equals(was, is)) {
      String kind = switch (String.valueOf(is)) {
        case "True" -> "Ready";
        case "False" -> "NotReady";
        default -> "Unknown";
      };
      timeline.mark("node", kind).subject(subject(node)).detail("Ready=" + is + " (" + after.getReason() + ")").apiTime(ApiTimes.parse(after.getLastTransitionTime())).record();
    }
    boolean wasCordoned = Boolean.TRUE.equals(old.getSpec().getUnschedulable());
    boolean isCordoned = Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    if (wasCordoned != isCordoned) {
      timeline.mark("node", isCordoned ? "Cordoned" : "Uncordoned").subject(subject(node)).detail("unschedulable=" + isCordoned).record();
    }
  }

  @Override
  public void onDelete(Node node, boolean deletedFinalStateUnknown) {
    timeline.mark("node", "DELETED").subject(subject(node)).detail("").record();
  }

  private static NodeCondition ready(Node node) {
    return node.getStatus() == null ? null : ApiTimes.nodeCondition(node.getStatus().getConditions(), "Ready").orElse(null);
  }

  static String subject(Node node) {
    return "node/" + node.getMetadata().getName();
  }
}
