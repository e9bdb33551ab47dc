package dev.shakedown.check;

import dev.shakedown.history.Timeline;
import dev.shakedown.history.History;
import java.util.Objects;

/**
 * What a run recorded: the clients' {@link History} and the {@link Timeline} of watches and fault marks.
 * The input of checkers that need both, such as {@link Checkers#availability}.
 */
public record Facts(History history, Timeline timeline) {

  public Facts {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(timeline, "timeline");
  }

  public static Facts of(History history, Timeline timeline) {
    return new Facts(history, timeline);
  }

  /** Facts with an empty timeline: no fault marks. */
  public static Facts of(History history) {
    return new Facts(history, new Timeline());
  }
}
