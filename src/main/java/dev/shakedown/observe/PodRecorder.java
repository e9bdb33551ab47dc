package dev.shakedown.observe;

import dev.shakedown.history.Timeline;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Turns pod informer callbacks into timeline entries: ADDED, Scheduled, Ready / NotReady (API time = the
 * condition's lastTransitionTime), phase changes, container restarts (API time = when the old container
 * finished), Terminating (API time = when deletion was requested) and DELETED.
 */
final class PodRecorder implements ResourceEventHandler<Pod> {

  private final Timeline timeline;

  PodRecorder(Timeline timeline) {
    this.timeline = timeline;
  }

  @Override
  public void onAdd(Pod pod) {
    timeline.mark("pod", "ADDED").subject(subject(pod)).detail("phase " + phase(pod) + node(pod)).apiTime(ApiTimes.parse(pod.getMetadata().getCreationTimestamp())).record();
  }

  @Override
  public void onUpdate(Pod old, Pod pod) {
    condition(old, pod, "PodScheduled", "Scheduled", "Unschedulable");
    condition(old, pod, "Ready", "Ready", "NotReady");
    if (!Objects.equals(phase(old), phase(pod))) {
      timeline.mark("pod", phase(pod)).subject(subject(pod)).detail("phase " + phase(old) + " -> " + phase(pod) + node(pod)).record();
    }
    restarts(old, pod);
    if (old.getMetadata().getDeletionTimestamp() == null && pod.getMetadata().getDeletionTimestamp() != null) {
      Instant deletion = ApiTimes.parse(pod.getMetadata().getDeletionTimestamp());
      Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
      Instant requested = deletion == null || grace == null ? deletion : deletion.minusSeconds(grace);
      timeline.mark("pod", "Terminating").subject(subject(pod)).detail("grace " + grace + "s" + node(pod)).apiTime(requested).record();
    }
  }

  @Override
  public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
    timeline.mark("pod", "DELETED").subject(subject(pod)).detail(deletedFinalStateUnknown ? "final state unknown" : node(pod).trim()).record();
  }

  private void condition(Pod old, Pod pod, String type, String whenTrue, String whenFalse) {
    PodCondition before = ApiTimes.podCondition(conditions(old), type).orElse(null);
    PodCondition after = ApiTimes.podCondition(conditions(pod), type).orElse(null);
    String was = before == null ? null : before.getStatus();
    String is = after == null ? null : after.getStatus();
    if (after != null && !Objects.equals(was, is)) {
      String detail = type + "=" + is + (after.getReason() == null ? "" : " (" + after.getReason() + ")") + node(pod);
      timeline.mark("pod", "True".equals(is) ? whenTrue : whenFalse).subject(subject(pod)).detail(detail).apiTime(ApiTimes.parse(after.getLastTransitionTime())).record();
    }
  }

  private void restarts(Pod old, Pod pod) {
    for (ContainerStatus now : statuses(pod)) {
      int before = statuses(old).stream().filter(s -> s.getName().equals(now.getName()))
          .mapToInt(ContainerStatus::getRestartCount).findFirst().orElse(0);
      if (now.getRestartCount() != null && now.getRestartCount() > before) {
        var terminated = now.getLastState() == null ? null : now.getLastState().getTerminated();
        String why = terminated == null ? "" : " (" + terminated.getReason() + ", exit " + terminated.getExitCode() + ")";
        timeline.mark("pod", "Restarted").subject(subject(pod)).detail("container " + now.getName() + " restart #"
            + now.getRestartCount() + why).apiTime(terminated == null ? null : ApiTimes.parse(terminated.getFinishedAt())).record();
      }
    }
  }

  private static List<PodCondition> conditions(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getConditions();
  }

  private static List<ContainerStatus> statuses(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? List.of()
        : pod.getStatus().getContainerStatuses();
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  private static String node(Pod pod) {
    return pod.getSpec() == null || pod.getSpec().getNodeName() == null ? "" : " on " + pod.getSpec().getNodeName();
  }

  static String subject(Pod pod) {
    return "pod/" + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
