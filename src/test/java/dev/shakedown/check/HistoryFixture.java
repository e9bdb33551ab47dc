package dev.shakedown.check;

import dev.shakedown.history.ChecksummedValue;

import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import dev.shakedown.history.Operation.Type;
import java.time.Duration;

/** Builds histories on a controlled clock: each appended operation is 1 ms after the previous one. */
final class HistoryFixture {

  static final Duration STEP = Duration.ofMillis(1);

  private final History history = new History();
  private long now;

  HistoryFixture(long startNanos) {
    this.now = startNanos;
  }

  HistoryFixture() {
    this(0);
  }

  History history() {
    return history;
  }

  long now() {
    return now;
  }

  /** Moves the clock to {@code nanos} (the next operation is recorded there). */
  HistoryFixture at(long nanos) {
    now = nanos;
    return this;
  }

  HistoryFixture advance(Duration d) {
    now += d.toNanos();
    return this;
  }

  Operation op(int process, Type type, String function, String value) {
    Operation appended = history.append(new Operation(-1, process, type, function, value, now, null,
        type == Type.FAIL || type == Type.INFO ? "boom" : null));
    now += STEP.toNanos();
    return appended;
  }

  /** Invoke then complete a write of {@code value}; returns the completion. */
  Operation write(int process, String value, Type outcome) {
    op(process, Type.INVOKE, "write", value);
    return op(process, outcome, "write", value);
  }

  /** Invoke then OK a read returning {@code values} joined by {@code ,}; returns the completion. */
  Operation read(int process, String... values) {
    op(process, Type.INVOKE, "read", null);
    return op(process, Type.OK, "read", String.join(",", values));
  }

  /** Invoke then complete a "get" with {@code outcome}: traffic for availability. */
  Operation request(int process, Type outcome) {
    op(process, Type.INVOKE, "get", null);
    return op(process, outcome, "get", null);
  }

  static String value(int id) {
    return ChecksummedValue.encode("w" + id, "payload-" + id);
  }
}
