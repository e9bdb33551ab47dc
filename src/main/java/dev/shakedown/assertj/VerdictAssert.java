package dev.shakedown.assertj;

import dev.shakedown.check.Verdict;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link Verdict}; every failure message carries the verdict's summary. */
public class VerdictAssert extends AbstractAssert<VerdictAssert, Verdict> {

  public VerdictAssert(Verdict actual) {
    super(actual, VerdictAssert.class);
  }

  public VerdictAssert isValid() {
    return hasStatus(Verdict.Status.VALID);
  }

  public VerdictAssert isInvalid() {
    return hasStatus(Verdict.Status.INVALID);
  }

  public VerdictAssert isUnknown() {
    return hasStatus(Verdict.Status.UNKNOWN);
  }

  public VerdictAssert hasStatus(Verdict.Status expected) {
    isNotNull();
    if (actual.status() != expected) {
      failWithMessage("Expected verdict %s but was %s:%n%s", expected, actual.status(), actual);
    }
    return this;
  }

  /** The count named {@code key} equals {@code expected} (an unreported count is 0). */
  public VerdictAssert hasCount(String key, long expected) {
    isNotNull();
    if (actual.count(key) != expected) {
      failWithMessage("Expected count %s = %d but was %d:%n%s", key, expected, actual.count(key), actual);
    }
    return this;
  }

  public VerdictAssert hasDetail(String key) {
    isNotNull();
    if (!actual.details().containsKey(key)) {
      failWithMessage("Expected detail %s among %s:%n%s", key, actual.details().keySet(), actual);
    }
    return this;
  }
}
