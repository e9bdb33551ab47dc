package dev.shakedown.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Append-only, thread-safe record of every operation a client performed. Clients append; checkers read
 * an immutable {@link #snapshot()}.
 */
public final class History {

  private final List<Operation> operations = new ArrayList<>();

  /** Appends an operation, assigning it the next index, and returns the stored entry. */
  public synchronized Operation append(Operation operation) {
    Operation indexed = operation.withIndex(operations.size());
    operations.add(indexed);
    return indexed;
  }

  public Operation invoke(int process, String function, String value) {
    return append(new Operation(-1, process, Operation.Type.INVOKE, function, value, System.nanoTime(), null, null));
  }

  public Operation ok(int process, String function, String value, String servedBy) {
    return append(new Operation(-1, process, Operation.Type.OK, function, value, System.nanoTime(), servedBy, null));
  }

  public Operation fail(int process, String function, String value, String error) {
    return append(new Operation(-1, process, Operation.Type.FAIL, function, value, System.nanoTime(), null, error));
  }

  public Operation info(int process, String function, String value, String error) {
    return append(new Operation(-1, process, Operation.Type.INFO, function, value, System.nanoTime(), null, error));
  }

  public synchronized int size() {
    return operations.size();
  }

  /** An immutable copy of the operations recorded so far, in order. */
  public synchronized List<Operation> snapshot() {
    return Collections.unmodifiableList(new ArrayList<>(operations));
  }
}
