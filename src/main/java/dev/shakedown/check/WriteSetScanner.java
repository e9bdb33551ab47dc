package dev.shakedown.check;

import dev.shakedown.history.ChecksummedValue;

import dev.shakedown.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hot path of {@link WriteSetAnalysis}: one pass over the operations indexing writes by value in a
 * {@link WriteTable}, one pass over the values of each final read. No regex, no streams, no allocation
 * per matching read value.
 */
final class WriteSetScanner {

  static final String WRITE = "write";
  static final String READ = "read";
  private static final int DIRECT_PROCESSES = 1024;

  /** A value of a final read that matched no intact write. */
  record ReadValue(String value, Operation read) {}

  final WriteTable writes;
  final List<Operation> finalReads = new ArrayList<>();
  final List<ReadValue> unexpected = new ArrayList<>();
  final List<ReadValue> corrupt = new ArrayList<>();
  final List<ReadValue> duplicated = new ArrayList<>();
  long okReads;

  private final Operation[] inFlight = new Operation[DIRECT_PROCESSES];
  private final Map<Integer, Operation> inFlightElsewhere = new HashMap<>();

  private WriteSetScanner(int expectedWrites) {
    writes = new WriteTable(expectedWrites);
  }

  static WriteSetScanner scan(List<Operation> operations) {
    WriteSetScanner scanner = new WriteSetScanner(operations.size() / 2);
    scanner.indexOperations(operations);
    for (int read = 0; read < scanner.finalReads.size(); read++) {
      scanner.scanRead(read, scanner.finalReads.get(read));
    }
    return scanner;
  }

  /**
   * Indexes every written value once: at its completion, or, for an invocation that never completed,
   * when its process moves on or the history ends. Finds the final reads.
   */
  private void indexOperations(List<Operation> operations) {
    List<Operation[]> reads = new ArrayList<>();
    long lastWriteIndex = -1;
    for (int i = 0, n = operations.size(); i < n; i++) {
      Operation op = operations.get(i);
      boolean invoke = op.isInvoke();
      Operation invocation = track(op, invoke);
      String function = op.function();
      if (invoke) {
        attempted(invocation); // the process moved on without completing it
        lastWriteIndex = WRITE.equals(function) ? op.index() : lastWriteIndex;
      } else if (WRITE.equals(function)) {
        lastWriteIndex = op.index();
        String value = op.value() != null ? op.value() : invocation == null ? null : invocation.value();
        if (value != null) {
          writes.complete(writes.numberOf(value), op);
        }
        if (invocation != null && invocation.value() != null && !invocation.value().equals(value)) {
          attempted(invocation);
        }
      } else if (READ.equals(function) && op.isOk()) {
        okReads++;
        reads.add(new Operation[] {invocation, op});
      }
    }
    for (Operation pending : inFlight) {
      attempted(pending);
    }
    inFlightElsewhere.values().forEach(this::attempted);
    for (Operation[] read : reads) {
      long invokedAt = read[0] != null && READ.equals(read[0].function()) ? read[0].index() : read[1].index();
      if (invokedAt > lastWriteIndex) {
        finalReads.add(read[1]);
      }
    }
  }

  /** Indexes the value of a write invocation (no-op for anything else). */
  private void attempted(Operation invocation) {
    if (invocation != null && invocation.value() != null && WRITE.equals(invocation.function())) {
      writes.numberOf(invocation.value());
    }
  }

  /** Remembers an invocation of its process; for a completion, returns (and forgets) that invocation. */
  private Operation track(Operation op, boolean invoke) {
    int process = op.process();
    if (process >= 0 && process < DIRECT_PROCESSES) {
      Operation previous = inFlight[process];
      inFlight[process] = invoke ? op : null;
      return previous;
    }
    return invoke ? inFlightElsewhere.put(process, op) : inFlightElsewhere.remove(process);
  }

  private void scanRead(int readNumber, Operation read) {
    String values = read.value();
    if (values == null) {
      return;
    }
    int length = values.length();
    int start = 0;
    while (start < length) {
      int comma = values.indexOf(',', start);
      int end = comma < 0 ? length : comma;
      if (end > start) {
        classify(readNumber, read, values, start, end);
      }
      start = end + 1;
    }
  }

  private void classify(int readNumber, Operation read, String values, int start, int end) {
    int number = writes.find(values, start, end);
    if (number < 0) {
      String value = values.substring(start, end);
      (ChecksummedValue.verify(value) ? unexpected : corrupt).add(new ReadValue(value, read));
    } else if (!writes.markSeen(number, readNumber)) {
      duplicated.add(new ReadValue(values.substring(start, end), read));
    }
  }
}
