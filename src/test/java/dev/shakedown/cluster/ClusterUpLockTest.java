package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterUpLockTest {

  @TempDir
  Path dir;

  @Test
  void aSecondHolderWaitsBoundedAndGetsTheLockOnceReleased() {
    Path file = dir.resolve("up.lock");
    ClusterUpLock first = ClusterUpLock.acquire(file, Duration.ofSeconds(1));
    assertThatThrownBy(() -> ClusterUpLock.acquire(file, Duration.ofMillis(1500)))
        .isInstanceOf(ClusterUnavailableException.class)
        .hasMessageContaining("another process held " + file)
        .hasMessageContaining("PT1.5S");
    first.close();
    assertThatCode(() -> ClusterUpLock.acquire(file, Duration.ofSeconds(2)).close()).doesNotThrowAnyException();
  }
}
