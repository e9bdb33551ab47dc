package dev.shakedown.observe;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Reads the API server's timestamps (RFC 3339 strings) off objects; {@code null} when absent or unreadable. */
final class ApiTimes {

  private ApiTimes() {}

  static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** eventTime (microseconds) if set, else lastTimestamp, firstTimestamp, creationTimestamp (seconds). */
  static Instant of(Event event) {
    MicroTime eventTime = event.getEventTime();
    Instant t = eventTime == null ? null : parse(eventTime.getTime());
    if (t == null) {
      t = parse(event.getLastTimestamp());
    }
    if (t == null) {
      t = parse(event.getFirstTimestamp());
    }
    return t != null ? t : parse(event.getMetadata().getCreationTimestamp());
  }

  static Optional<PodCondition> podCondition(List<PodCondition> conditions, String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  static Optional<NodeCondition> nodeCondition(List<NodeCondition> conditions, String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
