package dev.shakedown.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.history.Timeline;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTextTest {

  @Test
  void oneLinePerEventWithOffsets() {
    Timeline timeline = new Timeline();
    timeline.mark("phase", "begin").subject("inject").record();
    timeline.markFault("inject", "node-stop", "node/shakedown-worker");
    String text = TimelineText.render(timeline.snapshot());
    assertThat(text.lines()).hasSize(2);
    assertThat(text.lines().findFirst().orElseThrow()).startsWith("+    0.000s  phase  begin").contains("inject");
    assertThat(text).contains("fault  inject").contains("node/shakedown-worker");
  }

  @Test
  void emptyTimeline() {
    assertThat(TimelineText.render(List.of())).isEqualTo("(no events)\n");
  }
}
