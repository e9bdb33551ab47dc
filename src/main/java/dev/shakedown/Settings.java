package dev.shakedown;

import dev.shakedown.ShakedownException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Shakedown's settings: a key such as {@code shakedown.allowedContexts} is looked up first as a JUnit
 * configuration parameter or system property (the given lookup), then as the environment variable
 * {@code SHAKEDOWN_ALLOWED_CONTEXTS}. Blank values count as absent.
 */
public final class Settings {

  private final Function<String, Optional<String>> parameters;
  private final Map<String, String> environment;

  private Settings(Function<String, Optional<String>> parameters, Map<String, String> environment) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.environment = Map.copyOf(environment);
  }

  public static Settings of(Function<String, Optional<String>> parameters, Map<String, String> environment) {
    return new Settings(parameters, environment);
  }

  /** System properties and the process environment. */
  public static Settings fromSystem() {
    return of(key -> Optional.ofNullable(System.getProperty(key)), System.getenv());
  }

  public Optional<String> get(String key) {
    return parameters.apply(key).map(String::strip).filter(v -> !v.isEmpty())
        .or(() -> Optional.ofNullable(environment.get(envName(key))).map(String::strip).filter(v -> !v.isEmpty()));
  }

  public String get(String key, String fallback) {
    return get(key).orElse(fallback);
  }

  /** A duration given as ISO-8601 ({@code PT20S}) or a number with unit {@code ms}, {@code s}, {@code m} ({@code 20s}). */
  public Duration duration(String key, Duration fallback) {
    return get(key).map(v -> parseDuration(key, v)).orElse(fallback);
  }

  /** {@code shakedown.allowedContexts} → {@code SHAKEDOWN_ALLOWED_CONTEXTS}. */
  public static String envName(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  static Duration parseDuration(String key, String value) {
    try {
      String v = value.toLowerCase(Locale.ROOT);
      if (v.startsWith("pt")) {
        return Duration.parse(value);
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      if (v.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(v));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new ShakedownException("setting " + key + "='" + value + "' is not a duration; expected e.g. 20s, 500ms, 5m or PT20S", e);
    }
  }
}
