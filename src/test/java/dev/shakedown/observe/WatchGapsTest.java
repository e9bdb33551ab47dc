package dev.shakedown.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.history.Timeline;
import dev.shakedown.history.TimelineEvent;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WatchGapsTest {

  private final Timeline timeline = new Timeline();
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final AtomicLong now = new AtomicLong();
  private final WatchGaps gaps = new WatchGaps("informer/pods", open::get, timeline, now::get);

  @Test
  void anOpenWatchMarksNothing() {
    for (int i = 0; i < 5; i++) {
      gaps.sample();
    }
    assertThat(timeline.snapshot()).isEmpty();
  }

  @Test
  void aGapIsMarkedOnceWhenLostAndOnceWhenResumedWithItsLength() {
    gaps.sample();
    open.set(false);
    now.set(1_000_000_000L);
    gaps.sample();
    now.set(5_000_000_000L);
    gaps.sample();
    open.set(true);
    now.set(13_500_000_000L);
    gaps.sample();
    gaps.sample();

    assertThat(timeline.snapshot()).extracting(TimelineEvent::kind).containsExactly("watch-lost", "watch-resumed");
    assertThat(timeline.snapshot()).extracting(TimelineEvent::subject).containsOnly("informer/pods");
    assertThat(timeline.snapshot().get(1).detail()).isEqualTo("after PT12.5S");
  }

  @Test
  void eachGapOfAFlappingWatchIsMarked() {
    for (boolean state : new boolean[] {false, true, false, true}) {
      open.set(state);
      gaps.sample();
    }
    assertThat(timeline.snapshot()).extracting(TimelineEvent::kind)
        .containsExactly("watch-lost", "watch-resumed", "watch-lost", "watch-resumed");
  }
}
