package dev.shakedown.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.WaitTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitsTest {

  private static final Duration POLL = Duration.ofMillis(10);

  @Test
  void returnsTheValueThatPassed() {
    AtomicInteger n = new AtomicInteger();

    Integer value = Waits.until("counter reaches 3", Duration.ofSeconds(5), POLL, n::incrementAndGet, v -> v >= 3);

    assertThat(value).isEqualTo(3);
  }

  @Test
  void aTimeoutNamesWhatWasAwaitedTheBoundAndTheLastValueSeen() {
    assertThatThrownBy(() -> Waits.until("replicas Ready", Duration.ofMillis(200), POLL, () -> "1 of 3 Ready",
        v -> v.startsWith("3"), v -> "'" + v + "'"))
        .isInstanceOf(WaitTimeoutException.class)
        .hasMessage("replicas Ready: not within PT0.2S; last seen: '1 of 3 Ready'")
        .satisfies(e -> assertThat(((WaitTimeoutException) e).lastSeen()).isEqualTo("1 of 3 Ready"));
  }

  @Test
  void aProbeThatThrowsEndsTheWaitWithItsError() {
    assertThatThrownBy(() -> Waits.until("api answers", Duration.ofSeconds(5), POLL, () -> {
      throw new IllegalStateException("connection refused");
    }, v -> true)).hasMessageContaining("connection refused");
  }

  @Test
  void badBoundsAreRefusedWithTheirName() {
    assertThatThrownBy(() -> Waits.until("x", Duration.ZERO, () -> 1, v -> true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("atMost must be a positive duration");
    assertThatThrownBy(() -> Waits.hold(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration must be a positive duration");
  }
}
