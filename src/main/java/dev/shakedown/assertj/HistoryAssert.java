package dev.shakedown.assertj;

import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import java.util.List;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a client {@link History}, judged on a snapshot taken per assertion. */
public class HistoryAssert extends AbstractAssert<HistoryAssert, History> {

  public HistoryAssert(History actual) {
    super(actual, HistoryAssert.class);
  }

  public HistoryAssert isNotEmpty() {
    isNotNull();
    if (actual.size() == 0) {
      failWithMessage("Expected a history with operations but it was empty");
    }
    return this;
  }

  public HistoryAssert hasOkOperationsAtLeast(long n) {
    long ok = count(Operation::isOk);
    if (ok < n) {
      failWithMessage("Expected at least %d OK operations but found %d among %d", n, ok, actual.size());
    }
    return this;
  }

  /** No operation completed with FAIL. */
  public HistoryAssert hasNoFailures() {
    return hasNone(Operation::isFail, "FAIL");
  }

  /** No operation completed with INFO (timeout, unknown outcome). */
  public HistoryAssert hasNoIndeterminateOperations() {
    return hasNone(Operation::isInfo, "INFO");
  }

  private HistoryAssert hasNone(Predicate<Operation> type, String name) {
    List<Operation> found = operations().stream().filter(type).toList();
    if (!found.isEmpty()) {
      failWithMessage("Expected no %s operations but found %d, first: %s", name, found.size(), found.get(0));
    }
    return this;
  }

  private long count(Predicate<Operation> type) {
    return operations().stream().filter(type).count();
  }

  private List<Operation> operations() {
    isNotNull();
    return actual.snapshot();
  }
}
