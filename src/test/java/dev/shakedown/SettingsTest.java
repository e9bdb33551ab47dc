package dev.shakedown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void environmentNames() {
    assertThat(Settings.envName("shakedown.allowedContexts")).isEqualTo("SHAKEDOWN_ALLOWED_CONTEXTS");
    assertThat(Settings.envName("shakedown.context")).isEqualTo("SHAKEDOWN_CONTEXT");
    assertThat(Settings.envName("shakedown.kindConfig")).isEqualTo("SHAKEDOWN_KIND_CONFIG");
  }

  @Test
  void parameterWinsOverEnvironmentAndBlankIsAbsent() {
    Map<String, String> params = Map.of("shakedown.context", "kind-a", "shakedown.cleanup", "  ");
    Settings settings = Settings.of(k -> Optional.ofNullable(params.get(k)),
        Map.of("SHAKEDOWN_CONTEXT", "kind-b", "SHAKEDOWN_CLEANUP", "never", "SHAKEDOWN_SEED", "42"));
    assertThat(settings.get("shakedown.context")).contains("kind-a");
    assertThat(settings.get("shakedown.seed")).contains("42");
    assertThat(settings.get("shakedown.cleanup")).contains("never");
    assertThat(settings.get("shakedown.missing", "fallback")).isEqualTo("fallback");
  }

  @Test
  void durations() {
    Settings settings = Settings.of(k -> Optional.of(k.substring(2)), Map.of());
    assertThat(settings.duration("x.20s", null)).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.duration("x.500ms", null)).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.duration("x.5m", null)).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.duration("x.PT1M30S", null)).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.duration("x.7", null)).isEqualTo(Duration.ofSeconds(7));
    assertThatThrownBy(() -> settings.duration("x.soon", null)).isInstanceOf(ShakedownException.class)
        .hasMessageContaining("setting x.soon='soon' is not a duration");
  }
}
