package dev.shakedown.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import dev.shakedown.history.ChecksummedValue;
import dev.shakedown.history.Operation;
import dev.shakedown.internal.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LoadTest {

  /** A client whose answer is a function of the op; counts concurrent invocations. */
  static final class FakeClient implements Client {
    final Function<Op, Result> answer;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    FakeClient(Function<Op, Result> answer) {
      this.answer = answer;
    }

    @Override
    public void open() {
      opened.incrementAndGet();
    }

    @Override
    public Result invoke(Op op) {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        return answer.apply(op);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  private static Map<Operation.Type, Long> types(List<Operation> ops) {
    return ops.stream().collect(Collectors.groupingBy(Operation::type, Collectors.counting()));
  }

  @Test
  void everyInvokeIsCompletedOnceAndWritesAreUniqueChecksummedValues() {
    FakeClient client = new FakeClient(op -> Result.ok());
    List<Operation> ops = Load.of(client).rate(100).processes(3).ops(Generators.uniqueWrites(7))
        .run(Duration.ofMillis(500)).snapshot();

    Map<Operation.Type, Long> types = types(ops);
    assertThat(types.get(Operation.Type.INVOKE)).isGreaterThan(10).isEqualTo(types.get(Operation.Type.OK));
    List<String> written = ops.stream().filter(Operation::isOk).map(Operation::value).toList();
    assertThat(written).doesNotHaveDuplicates().allMatch(ChecksummedValue::verify);
    assertThat(ops).extracting(Operation::process).allMatch(p -> p >= 0 && p < 3);
    assertThat(client.opened).hasValue(1);
  }

  @Test
  void aThrownExceptionIsInfoAndAReturnedFailIsFail() {
    AtomicInteger n = new AtomicInteger();
    FakeClient client = new FakeClient(op -> {
      if (n.incrementAndGet() % 2 == 0) {
        throw new IllegalStateException("connection reset");
      }
      return Result.fail("connection refused");
    });
    List<Operation> ops = Load.of(client).rate(100).processes(1).ops(Generators.limit(6, Generators.reads()))
        .run(Duration.ofMillis(400)).snapshot();

    assertThat(ops.stream().filter(Operation::isInfo)).hasSize(3)
        .allSatisfy(o -> assertThat(o.error()).contains("IllegalStateException: connection reset"));
    assertThat(ops.stream().filter(Operation::isFail)).hasSize(3)
        .allSatisfy(o -> assertThat(o.error()).isEqualTo("connection refused"));
  }

  @Test
  void atMostProcessesAreInFlightAndABusyTickIsSkipped() {
    CountDownLatch release = new CountDownLatch(1);
    FakeClient client = new FakeClient(op -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Result.ok();
    });
    Load load = Load.of(client).rate(200).processes(2).timeout(Duration.ofSeconds(5)).start();
    Waits.until("ticks skipped while both processes are busy", Duration.ofSeconds(5), Duration.ofMillis(10),
        load::skipped, s -> s >= 5);
    release.countDown();
    load.stop();

    assertThat(client.maxInFlight).hasValue(2);
  }

  @Test
  void aClientThatHangsBeyondTheTimeoutIsInfoAndItsProcessIsFreed() {
    Map<String, Boolean> hung = new ConcurrentHashMap<>();
    FakeClient client = new FakeClient(op -> {
      if (hung.putIfAbsent("first", true) == null) {
        try {
          new CountDownLatch(1).await(); // never answers: hangs beyond the load's timeout
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Result.ok();
    });
    Load load = Load.of(client).rate(50).processes(1).timeout(Duration.ofMillis(200)).ops(Generators.reads()).start();
    Waits.until("ops after the hung one complete on the freed process", Duration.ofSeconds(10),
        Duration.ofMillis(20), () -> load.history().snapshot().stream().filter(Operation::isOk).count(), c -> c >= 3);
    load.stop();

    List<Operation> ops = load.history().snapshot();
    assertThat(ops.get(1).isInfo()).as("the hung op's completion: %s", ops.get(1)).isTrue();
    assertThat(ops.get(1).error()).startsWith("no answer within");
    assertThat(ops.subList(2, ops.size())).as("the crashed process's slot goes on under a new id, never the final"
        + " read's").extracting(Operation::process).containsOnly(load.processes() + 1);
    assertThat(types(ops).get(Operation.Type.INVOKE)).as("every invoke completed")
        .isEqualTo(ops.size() - types(ops).get(Operation.Type.INVOKE));
  }

  @Test
  void aGeneratorThatRunsDryStopsTheLoadAndSaysSo() {
    FakeClient client = new FakeClient(op -> Result.ok());
    Load load = Load.of(client).rate(200).ops(Generators.limit(5, Generators.reads())).start();
    Waits.untilTrue("the load stops on its own", Duration.ofSeconds(5), Duration.ofMillis(10), () -> !load.isRunning());
    load.stop();

    assertThat(load.exhausted()).isTrue();
    assertThat(types(load.history().snapshot())).containsEntry(Operation.Type.INVOKE, 5L)
        .containsEntry(Operation.Type.OK, 5L);
  }

  @Test
  void theFinalReadRetriesUntilOkAndRecordsEveryAttempt() {
    AtomicInteger reads = new AtomicInteger();
    FakeClient client = new FakeClient(op -> reads.incrementAndGet() < 3 ? Result.fail("not yet")
        : Result.ok("a,b", "member-1"));
    Load load = Load.of(client);

    Operation read = load.finalRead(Duration.ofSeconds(10));

    assertThat(read.isOk()).isTrue();
    assertThat(read.value()).isEqualTo("a,b");
    assertThat(read.servedBy()).isEqualTo("member-1");
    assertThat(read.process()).isEqualTo(load.processes());
    assertThat(load.history().snapshot()).filteredOn(Operation::isFail).hasSize(2);
    load.close();
    assertThat(client.closed).hasValue(1);
  }

  @Test
  void aClientThatCannotOpenFailsTheStartNamingTheLoad() {
    Client broken = new Client() {
      @Override
      public void open() {
        throw new IllegalStateException("no route to 10.0.0.1");
      }

      @Override
      public Result invoke(Op op) {
        return Result.ok();
      }
    };
    assertThatThrownBy(() -> Load.of("etcd-writes", broken).start()).isInstanceOf(ShakedownException.class)
        .hasMessage("load etcd-writes: cannot open its client: no route to 10.0.0.1");
  }

  @Test
  void badSettingsSayWhatIsAllowed() {
    Load load = Load.of("w", op -> Result.ok());
    assertThatThrownBy(() -> load.rate(0)).hasMessageContaining("rate must be in (0, 10000]");
    assertThatThrownBy(() -> load.processes(0)).hasMessageContaining("processes must be in [1, 256]");
    assertThatThrownBy(() -> load.timeout(Duration.ZERO)).hasMessageContaining("timeout must be positive");
    load.start();
    try {
      assertThatThrownBy(load::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("stop() it first");
    } finally {
      load.stop();
    }
  }
}
