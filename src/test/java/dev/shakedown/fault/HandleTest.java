package dev.shakedown.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.history.Timeline;
import dev.shakedown.history.TimelineEvent;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient
class HandleTest {

  io.fabric8.kubernetes.client.KubernetesClient client;
  Timeline timeline = new Timeline();

  FaultScope scope() {
    return new FaultScope(client, "ns", timeline, new Random(1), null);
  }

  @Test
  void healsOnceAndMarksInjectAndHeal() {
    AtomicInteger heals = new AtomicInteger();
    FaultHandle handle = Handle.injected(scope(), "demo", "one() of pods x", List.of("pod/ns/a"), heals::incrementAndGet);
    assertThat(handle.isHealed()).isFalse();

    handle.close();
    handle.close();

    assertThat(heals).hasValue(1);
    assertThat(handle.isHealed()).isTrue();
    assertThat(timeline.snapshot()).extracting(TimelineEvent::source, TimelineEvent::kind, TimelineEvent::subject)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("fault", "inject", "demo"),
            org.assertj.core.groups.Tuple.tuple("fault", "heal", "demo"));
    assertThat(timeline.snapshot().get(0).detail()).isEqualTo("one() of pods x -> [pod/ns/a]");
  }

  @Test
  void aFailedHealIsMarkedRethrownOnceAndNotRetried() {
    AtomicInteger heals = new AtomicInteger();
    FaultHandle handle = Handle.injected(scope(), "demo", "how", List.of("node/w"), () -> {
      heals.incrementAndGet();
      throw new IllegalStateException("node/w not Ready within PT1S");
    });

    assertThatThrownBy(handle::close).hasMessage("node/w not Ready within PT1S");
    handle.close();

    assertThat(heals).hasValue(1);
    assertThat(handle.isHealed()).as("a heal that threw has not healed").isFalse();
    assertThat(handle.healFailure()).get().extracting(Throwable::getMessage).isEqualTo("node/w not Ready within PT1S");
    assertThat(handle).hasToString("demo [node/w] (heal failed: node/w not Ready within PT1S)");
    assertThat(timeline.snapshot()).last().extracting(TimelineEvent::detail).asString()
        .contains("FAILED", "not Ready within PT1S");
  }
}
