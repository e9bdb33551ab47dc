package dev.shakedown.junit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What happens at test end to the test's namespace and the resources registered with its
 * {@code ScenarioContext}. Resources that are {@code AlwaysClose} (fault handles) are closed under every mode,
 * and the residue check runs under every mode.
 */
public enum CleanupMode {
  /** Use setting {@value #PROPERTY}, else {@link #ALWAYS}. */
  DEFAULT,
  /** Close everything and delete the namespace. */
  ALWAYS,
  /** Clean up after a passing test; keep a failed test's namespace and workloads for debugging. */
  ON_SUCCESS,
  /** Keep the namespace and workloads; only faults are healed. The next run's sweep deletes the namespace. */
  NEVER;

  /** Setting (system property, JUnit configuration parameter, or env {@code SHAKEDOWN_CLEANUP}). */
  public static final String PROPERTY = "shakedown.cleanup";

  /** Whether registered resources and the namespace are cleaned up after a test that passed or not. */
  public boolean cleansUp(boolean testFailed) {
    return switch (this) {
      case DEFAULT, ALWAYS -> true;
      case ON_SUCCESS -> !testFailed;
      case NEVER -> false;
    };
  }

  /** Parses {@code always}, {@code on_success} / {@code on-success}, {@code never} (any case). */
  public static CleanupMode parse(String value) {
    String normalized = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(m -> m != DEFAULT && m.name().equals(normalized)).findFirst()
        .orElseThrow(() -> new ExtensionConfigurationException("setting " + PROPERTY + "='" + value
            + "' is not a cleanup mode; expected one of " + Arrays.stream(values()).filter(m -> m != DEFAULT)
            .map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))));
  }
}
