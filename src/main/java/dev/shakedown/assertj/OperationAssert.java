package dev.shakedown.assertj;

import dev.shakedown.history.Operation;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one {@link Operation} of a history; every failure message names the operation by its index,
 * process, function, type and error.
 */
public class OperationAssert extends AbstractAssert<OperationAssert, Operation> {

  public OperationAssert(Operation actual) {
    super(actual, OperationAssert.class);
  }

  /** The operation completed with {@link Operation.Type#OK}. */
  public OperationAssert isOk() {
    return hasType(Operation.Type.OK);
  }

  /** The operation completed with {@link Operation.Type#FAIL} (it certainly did not take effect). */
  public OperationAssert isFail() {
    return hasType(Operation.Type.FAIL);
  }

  /** The operation completed with {@link Operation.Type#INFO} (timeout, unknown outcome). */
  public OperationAssert isInfo() {
    return hasType(Operation.Type.INFO);
  }

  /** The operation is an {@link Operation.Type#INVOKE}, the start of a step rather than its completion. */
  public OperationAssert isInvoke() {
    return hasType(Operation.Type.INVOKE);
  }

  /** The operation asked for {@code expected}, e.g. {@code "write"} or {@code "read"}. */
  public OperationAssert hasFunction(String expected) {
    isNotNull();
    if (!Objects.equals(actual.function(), expected)) {
      failWithMessage("Expected function %s but was %s: %s", expected, actual.function(), describe(actual));
    }
    return this;
  }

  /** The operation's value equals {@code expected} ({@code null} asserts that it carries no value). */
  public OperationAssert hasValue(String expected) {
    isNotNull();
    if (!Objects.equals(actual.value(), expected)) {
      failWithMessage("Expected value %s but was %s: %s", expected, actual.value(), describe(actual));
    }
    return this;
  }

  /** The operation was served by the pod {@code pod} ({@code null} asserts that the server is unknown). */
  public OperationAssert wasServedBy(String pod) {
    isNotNull();
    if (!Objects.equals(actual.servedBy(), pod)) {
      failWithMessage("Expected an operation served by %s but it was served by %s: %s", pod, actual.servedBy(),
          describe(actual));
    }
    return this;
  }

  /** The operation carries an error whose text contains {@code fragment}. */
  public OperationAssert hasErrorContaining(String fragment) {
    isNotNull();
    if (actual.error() == null || !actual.error().contains(fragment)) {
      failWithMessage("Expected an error containing \"%s\": %s", fragment, describe(actual));
    }
    return this;
  }

  /** The operation's error contains at least one of {@code fragments}. */
  public OperationAssert hasErrorContainingAnyOf(String... fragments) {
    isNotNull();
    if (actual.error() == null || java.util.Arrays.stream(fragments).noneMatch(actual.error()::contains)) {
      failWithMessage("Expected an error containing any of %s: %s", java.util.Arrays.toString(fragments),
          describe(actual));
    }
    return this;
  }

  private OperationAssert hasType(Operation.Type expected) {
    isNotNull();
    if (actual.type() != expected) {
      failWithMessage("Expected type %s but was %s: %s", expected, actual.type(), describe(actual));
    }
    return this;
  }

  /** E.g. {@code operation #7 (process 2, write FAIL, value 5, served by web-0, error "connection refused")}. */
  static String describe(Operation op) {
    return String.format("operation #%d (process %d, %s %s, value %s, served by %s, error %s)", op.index(),
        op.process(), op.function(), op.type(), op.value(), op.servedBy(),
        op.error() == null ? "none" : "\"" + op.error() + "\"");
  }
}
