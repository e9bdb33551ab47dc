package dev.shakedown.observe;

import dev.shakedown.history.TimelineEvent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.fault.FaultHandle;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.HttpService;
import java.time.Duration;
import java.util.List;
import java.util.LongSummaryStatistics;
import org.junit.jupiter.api.Test;

@ChaosTest
class TimelineRecorderIT {

  @Test
  void recordsPodsAndEventsWithApiTimesAroundAPodKill(ScenarioContext ctx) {
    TimelineRecorder recorder = TimelineRecorder.start(ctx);
    HttpService web = HttpService.of(ctx).deploy().awaitReady(Duration.ofMinutes(2));
    try (FaultHandle kill = Faults.podKill(Targets.pods(web).one()).inject(ctx)) {
      assertThat(kill.targets()).hasSize(1);
    }
    assertThat(recorder.isWatching()).isTrue();
    recorder.close();

    List<TimelineEvent> events = ctx.timeline().snapshot();
    events.forEach(e -> System.out.println("TIMELINE " + e));
    assertThat(events).anyMatch(e -> e.source().equals("pod") && e.kind().equals("Ready") && e.apiTime() != null);
    assertThat(events).anyMatch(e -> e.source().equals("event") && e.kind().equals("Scheduled"));
    assertThat(events).anyMatch(e -> e.source().equals("pod") && e.kind().equals("DELETED"));
    assertThat(events).anyMatch(e -> e.source().equals("node") && e.kind().equals("ADDED"));

    for (String source : List.of("pod", "event")) {
      LongSummaryStatistics lag = events.stream().filter(e -> e.source().equals(source) && e.apiTime() != null
              && !e.kind().equals("ADDED"))
          .mapToLong(e -> e.lag().toMillis()).summaryStatistics();
      System.out.printf("MEASURE %s lag api->record: n=%d min=%d avg=%.0f max=%d ms%n", source, lag.getCount(),
          lag.getMin(), lag.getAverage(), lag.getMax());
    }
  }
}
