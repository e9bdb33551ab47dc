package dev.shakedown.check;

import dev.shakedown.workload.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hot path of {@link WriteSetAnalysis}: one pass over the operations indexing writes by value, one
 * pass over the values of each final read. No regex, no streams, one map entry per distinct write.
 */
final class WriteSetScanner {

  static final String WRITE = "write";
  static final String READ = "read";

  /** Everything known about one written value. */
  static final class WriteState {
    final String value;
    Operation invoke;
    Operation completion;
    int presentInReads;
    int lastReadSeen = -1;

    WriteState(String value) {
      this.value = value;
    }
  }

  /** A value of a final read that matched no intact write. */
  record ReadValue(String value, Operation read) {}

  final Map<String, WriteState> writes;
  final List<Operation> finalReads = new ArrayList<>();
  final List<ReadValue> unexpected = new ArrayList<>();
  final List<ReadValue> corrupt = new ArrayList<>();
  final List<ReadValue> duplicated = new ArrayList<>();
  long okReads;

  private WriteSetScanner(int expectedWrites) {
    writes = new HashMap<>(Math.max(16, expectedWrites * 4 / 3 + 1));
  }

  static WriteSetScanner scan(List<Operation> operations) {
    WriteSetScanner scanner = new WriteSetScanner(operations.size() / 2);
    scanner.indexOperations(operations);
    for (int read = 0; read < scanner.finalReads.size(); read++) {
      scanner.scanRead(read, scanner.finalReads.get(read));
    }
    return scanner;
  }

  private void indexOperations(List<Operation> operations) {
    Map<Integer, Operation> inFlight = new HashMap<>();
    List<Operation[]> reads = new ArrayList<>();
    long lastWriteIndex = -1;
    for (int i = 0, n = operations.size(); i < n; i++) {
      Operation op = operations.get(i);
      boolean invoke = op.isInvoke();
      Operation invocation = invoke ? inFlight.put(op.process(), op) : inFlight.remove(op.process());
      String function = op.function();
      if (WRITE.equals(function)) {
        lastWriteIndex = op.index();
        String value = op.value() != null || invocation == null ? op.value() : invocation.value();
        if (value != null) {
          WriteState state = writes.computeIfAbsent(value, WriteState::new);
          if (invoke) {
            state.invoke = op;
          } else if (state.completion == null || !state.completion.isOk()) {
            state.completion = op;
          }
        }
      } else if (READ.equals(function) && op.isOk()) {
        okReads++;
        reads.add(new Operation[] {invocation, op});
      }
    }
    for (Operation[] read : reads) {
      long invokedAt = read[0] != null && READ.equals(read[0].function()) ? read[0].index() : read[1].index();
      if (invokedAt > lastWriteIndex) {
        finalReads.add(read[1]);
      }
    }
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
        classify(readNumber, read, values.substring(start, end));
      }
      start = end + 1;
    }
  }

  private void classify(int readNumber, Operation read, String value) {
    WriteState state = writes.get(value);
    if (state == null) {
      (ChecksummedValue.verify(value) ? unexpected : corrupt).add(new ReadValue(value, read));
    } else if (state.lastReadSeen == readNumber) {
      duplicated.add(new ReadValue(value, read));
    } else {
      state.lastReadSeen = readNumber;
      state.presentInReads++;
    }
  }
}
