package dev.shakedown.bench;

import dev.shakedown.ShakedownException;
import dev.shakedown.check.AvailabilityThresholds;
import dev.shakedown.check.Checker;
import dev.shakedown.check.Checkers;
import dev.shakedown.history.ChecksummedValue;
import dev.shakedown.check.Facts;
import dev.shakedown.check.Verdict;
import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import dev.shakedown.history.Operation.Type;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the history checkers, reported as history operations checked per second: each
 * invocation checks a whole history of {@value #OPERATIONS} operations (8 writer processes, 1% FAIL,
 * 1% INFO, one final read of every value present).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CheckerBenchmark {

  static final int OPERATIONS = 1_000_000;
  private static final int PROCESSES = 8;

  private History history;
  private Facts facts;
  private final Checker<History> noLostWrites = Checkers.noLostWrites();
  private final Checker<Facts> availability = Checkers.availability(AvailabilityThresholds.none());

  @Setup
  public void recordHistory() {
    history = new History();
    StringJoiner present = new StringJoiner(",");
    long nanos = 0;
    int writes = (OPERATIONS - 2) / 2;
    for (int i = 0; i < writes; i++) {
      int process = i % PROCESSES;
      String value = ChecksummedValue.encode("p" + process + "-" + i, "payload-" + i);
      Type outcome = i % 100 == 42 ? Type.FAIL : i % 100 == 77 ? Type.INFO : Type.OK;
      history.append(new Operation(-1, process, Type.INVOKE, "write", value, nanos += 1_000, null, null));
      history.append(new Operation(-1, process, outcome, "write", value, nanos += 1_000, null, null));
      if (outcome != Type.FAIL) {
        present.add(value);
      }
    }
    history.append(new Operation(-1, PROCESSES, Type.INVOKE, "read", null, nanos += 1_000, null, null));
    history.append(new Operation(-1, PROCESSES, Type.OK, "read", present.toString(), nanos + 1_000, null, null));
    facts = Facts.of(history);
    requireValid(noLostWrites());
    requireValid(availability());
  }

  private static void requireValid(Verdict verdict) {
    if (!verdict.isValid()) {
      throw new ShakedownException("benchmark history should be valid: " + verdict);
    }
  }

  @Benchmark
  @OperationsPerInvocation(OPERATIONS)
  public Verdict noLostWrites() {
    return noLostWrites.check(history);
  }

  @Benchmark
  @OperationsPerInvocation(OPERATIONS)
  public Verdict availability() {
    return availability.check(facts);
  }
}
