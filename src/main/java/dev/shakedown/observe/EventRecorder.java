package dev.shakedown.observe;

import dev.shakedown.history.Timeline;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Objects;

/**
 * Turns core/v1 Events into timeline entries: kind = the event's reason, subject = the involved object,
 * API time = eventTime, else lastTimestamp. A repeated event (its count rose) is recorded again.
 */
final class EventRecorder implements ResourceEventHandler<Event> {

  private final Timeline timeline;

  EventRecorder(Timeline timeline) {
    this.timeline = timeline;
  }

  @Override
  public void onAdd(Event event) {
    record(event);
  }

  @Override
  public void onUpdate(Event old, Event event) {
    if (!Objects.equals(old.getCount(), event.getCount()) || !Objects.equals(old.getLastTimestamp(), event.getLastTimestamp())) {
      record(event);
    }
  }

  @Override
  public void onDelete(Event event, boolean deletedFinalStateUnknown) {
    // events expire; that is not something that happened in the scenario
  }

  private void record(Event event) {
    String count = event.getCount() != null && event.getCount() > 1 ? " (x" + event.getCount() + ")" : "";
    timeline.mark("event", String.valueOf(event.getReason())).subject(subject(event.getInvolvedObject())).detail(event.getType() + ": " + event.getMessage() + count).apiTime(ApiTimes.of(event)).record();
  }

  static String subject(ObjectReference ref) {
    if (ref == null) {
      return "unknown";
    }
    String kind = ref.getKind() == null ? "object" : ref.getKind().toLowerCase(java.util.Locale.ROOT);
    return ref.getNamespace() == null ? kind + "/" + ref.getName() : kind + "/" + ref.getNamespace() + "/" + ref.getName();
  }
}
