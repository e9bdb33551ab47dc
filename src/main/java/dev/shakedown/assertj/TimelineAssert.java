package dev.shakedown.assertj;

import dev.shakedown.history.Timeline;
import dev.shakedown.history.TimelineEvent;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link Timeline} of watch events, probes and fault marks. */
public class TimelineAssert extends AbstractAssert<TimelineAssert, Timeline> {

  public TimelineAssert(Timeline actual) {
    super(actual, TimelineAssert.class);
  }

  /** A fault mark ({@code source = fault}) of {@code kind}, e.g. {@code inject} or {@code heal}. */
  public TimelineAssert hasFaultMark(String kind) {
    return hasEvent("fault", kind);
  }

  public TimelineAssert hasEvent(String source, String kind) {
    if (matching(source, kind).isEmpty()) {
      failWithMessage("Expected an event %s/%s in the timeline but found none among %s", source, kind, actual.snapshot());
    }
    return this;
  }

  public TimelineAssert hasNoEvent(String source, String kind) {
    List<TimelineEvent> found = matching(source, kind);
    if (!found.isEmpty()) {
      failWithMessage("Expected no event %s/%s in the timeline but found %s", source, kind, found);
    }
    return this;
  }

  private List<TimelineEvent> matching(String source, String kind) {
    isNotNull();
    return actual.snapshot().stream().filter(e -> source.equals(e.source()) && kind.equals(e.kind())).toList();
  }
}
