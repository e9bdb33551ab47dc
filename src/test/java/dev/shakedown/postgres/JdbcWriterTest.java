package dev.shakedown.postgres;

import dev.shakedown.workload.Endpoints;
import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import dev.shakedown.postgres.JdbcWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.history.ChecksummedValue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The writer against servers that never answer like PostgreSQL: it records failures and never hangs. */
class JdbcWriterTest {

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void connectionRefusedIsAFailedWrite() throws IOException {
    History history = new History();
    JdbcWriter writer = new JdbcWriter(Endpoints.fixed(URI.create("tcp://127.0.0.1:" + closedPort())), history)
        .rate(20).processes(2).seed(7)
        .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(writer.ensureTable(Duration.ofSeconds(1))).isFalse();

    writer.run(Duration.ofMillis(500));
    Operation read = writer.finalRead(Duration.ofSeconds(1));

    List<Operation> writes = history.snapshot().stream().filter(o -> o.function().equals("write")).toList();
    assertThat(writes).filteredOn(Operation::isInvoke).hasSizeGreaterThanOrEqualTo(5)
        .allSatisfy(o -> assertThat(ChecksummedValue.verify(o.value())).isTrue());
    assertThat(writes).filteredOn(o -> !o.isInvoke()).isNotEmpty().allMatch(Operation::isFail)
        .allSatisfy(o -> assertThat(o.error()).startsWith("connect via 127.0.0.1:").contains("[08001]"));
    assertThat(read.isFail()).isTrue();
    assertThat(read.function()).isEqualTo("read");
  }

  @Test
  void aServerThatNeverAnswersCostsOneLoginTimeoutPerWrite() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!silent.isClosed()) {
          try {
            held.add(silent.accept());
          } catch (IOException e) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      History history = new History();
      JdbcWriter writer = new JdbcWriter(Endpoints.fixed(URI.create("tcp://127.0.0.1:" + silent.getLocalPort())),
          history).rate(10).processes(2).timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
      writer.ensureTable(Duration.ofMillis(100));

      long start = System.nanoTime();
      writer.run(Duration.ofSeconds(2));
      long tookMs = (System.nanoTime() - start) / 1_000_000;

      assertThat(tookMs).as("run + bounded stop").isLessThan(2_000 + 8_000);
      List<Operation> done = history.snapshot().stream().filter(o -> o.function().equals("write") && !o.isInvoke())
          .toList();
      assertThat(done).isNotEmpty().allMatch(Operation::isFail);
      assertThat(writer.skipped()).as("both processes were stuck in login").isPositive();
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void rejectsBadSettings() {
    JdbcWriter writer = new JdbcWriter(Endpoints.fixed(URI.create("tcp://127.0.0.1:1")), new History());
    assertThatThrownBy(() -> writer.table("Robert'); DROP TABLE x;--"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table must match");
    assertThatThrownBy(() -> writer.rate(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.timeouts(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("socketTimeout");
  }
}
