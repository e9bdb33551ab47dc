package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.shakedown.history.Timeline;
import dev.shakedown.history.TimelineEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class RecurringTest {

  KubernetesClient client;
  Timeline timeline = new Timeline();

  /** A fault that only counts; its n-th injection targets {@code thing/n}; fails from injection {@code failAt}. */
  static Fault counting(AtomicInteger injected, AtomicInteger healed, int failAt) {
    return new Fault() {
      @Override public String name() { return "counting"; }

      @Override
      public FaultHandle inject(FaultScope scope) {
        int n = injected.incrementAndGet();
        if (n >= failAt) {
          throw new TargetException("no target left at injection " + n);
        }
        return Handle.injected(scope, name(), "test", List.of("thing/" + n), healed::incrementAndGet);
      }
    };
  }

  FaultScope scope() {
    return new FaultScope(client, "ns", timeline, new Random(1), null);
  }

  @Test
  void injectsAndHealsInCyclesAndHealsTheLastOnClose() {
    AtomicInteger injected = new AtomicInteger();
    AtomicInteger healed = new AtomicInteger();
    FaultHandle handle = counting(injected, healed, Integer.MAX_VALUE).every(Duration.ofMillis(50)).inject(scope());
    assertThat(injected).hasValue(1);

    await("three injections").atMost(Duration.ofSeconds(5)).until(() -> injected.get() >= 3);
    handle.close();
    handle.close();

    assertThat(healed.get()).isEqualTo(injected.get());
    assertThat(handle.targets()).startsWith("thing/1", "thing/2", "thing/3");
    List<String> kinds = timeline.snapshot().stream().map(TimelineEvent::kind).toList();
    for (int i = 0; i < kinds.size(); i++) {
      assertThat(kinds.get(i)).isEqualTo(i % 2 == 0 ? "inject" : "heal");
    }
  }

  @Test
  void aFailingCycleStopsTheScheduleAndCloseRethrowsIt() {
    AtomicInteger injected = new AtomicInteger();
    AtomicInteger healed = new AtomicInteger();
    FaultHandle handle = counting(injected, healed, 3).every(Duration.ofMillis(20)).inject(scope());

    await("the failing third injection").atMost(Duration.ofSeconds(5))
        .until(() -> timeline.snapshot().stream().anyMatch(e -> e.kind().equals("error")));
    assertThatThrownBy(handle::close).isInstanceOf(TargetException.class)
        .hasMessage("no target left at injection 3");
    assertThat(injected).hasValue(3);
    assertThat(healed).hasValue(2);
  }

  @Test
  void rejectsANonPositivePeriod() {
    assertThatThrownBy(() -> counting(new AtomicInteger(), new AtomicInteger(), 9).every(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period must be positive");
  }
}
