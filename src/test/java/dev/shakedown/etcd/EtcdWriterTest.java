package dev.shakedown.etcd;

import dev.shakedown.history.History;
import dev.shakedown.history.Operation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.check.Checkers;
import dev.shakedown.history.ChecksummedValue;
import dev.shakedown.check.Verdict;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer against endpoints where nothing listens: it records, it never throws or hangs. */
class EtcdWriterTest {

  private static URI deadEndpoint() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  @Test
  void writesToADeadClusterAreFailuresAndTheFinalReadGivesUpWithinItsBound() throws IOException {
    History history = new History();
    long start = System.nanoTime();
    long skipped;
    try (EtcdWriter writer = new EtcdWriter(List.of(deadEndpoint()), history).rate(20).seed(7)
        .timeout(Duration.ofMillis(500)).finalReadWithin(Duration.ofSeconds(2))) {
      writer.run(Duration.ofSeconds(1));
      skipped = writer.skipped();
      Operation read = writer.finalRead();
      assertThat(read.isFail()).as("final read of a dead cluster: %s", read).isTrue();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));

    List<Operation> ops = history.snapshot();
    List<Operation> writes = ops.stream().filter(o -> o.function().equals("write")).toList();
    long invokes = writes.stream().filter(Operation::isInvoke).count();
    assertThat(invokes + skipped).as("ticks at 20/s for 1 s (invoked or skipped while all 4 were busy)")
        .isBetween(10L, 25L);
    assertThat(invokes).isPositive();
    assertThat(writes.stream().filter(o -> !o.isInvoke())).isNotEmpty()
        .allSatisfy(o -> assertThat(o.isFail()).as("%s", o).isTrue());
    assertThat(writes.stream().filter(Operation::isInvoke).map(Operation::value))
        .allMatch(ChecksummedValue::verify).doesNotHaveDuplicates();
    Verdict verdict = Checkers.noLostWrites().check(history);
    assertThat(verdict.status()).isEqualTo(Verdict.Status.UNKNOWN);
  }

  @Test
  void theSameSeedGivesTheSameValues() throws IOException {
    URI dead = deadEndpoint();
    List<String> first = values(dead, 11);
    assertThat(first).isNotEmpty();
    assertThat(values(dead, 11).get(0)).isEqualTo(first.get(0));
    assertThat(values(dead, 12).get(0)).isNotEqualTo(first.get(0));
  }

  private static List<String> values(URI endpoint, long seed) {
    History history = new History();
    try (EtcdWriter writer = new EtcdWriter(List.of(endpoint), history).rate(50).processes(1).seed(seed)
        .timeout(Duration.ofMillis(300))) {
      writer.run(Duration.ofMillis(300));
    }
    return history.snapshot().stream().filter(Operation::isInvoke).map(Operation::value).toList();
  }

  @Test
  void noEndpointAtAllIsRecordedNotThrown() {
    History history = new History();
    try (EtcdWriter writer = new EtcdWriter(List.of(), history).rate(20).finalReadWithin(Duration.ofMillis(500))) {
      writer.run(Duration.ofMillis(300));
      assertThat(writer.finalRead().isFail()).isTrue();
    }
    assertThat(history.snapshot()).filteredOn(o -> !o.isInvoke()).isNotEmpty()
        .allSatisfy(o -> assertThat(o.error()).contains("no etcd client"));
  }
}
