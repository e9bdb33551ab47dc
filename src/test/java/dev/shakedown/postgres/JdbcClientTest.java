package dev.shakedown.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.client.Generators;
import dev.shakedown.client.Load;
import dev.shakedown.client.Op;
import dev.shakedown.client.Result;
import dev.shakedown.history.ChecksummedValue;
import dev.shakedown.history.History;
import dev.shakedown.history.Operation;
import dev.shakedown.postgres.JdbcConnector.Session;
import dev.shakedown.workload.Endpoints;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The client against servers that never answer like PostgreSQL, and against a scripted in-memory database. */
class JdbcClientTest {

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Committed rows, DDL and connection counts, and the error the next INSERT or COMMIT throws. */
  static final class FakeDb {
    final List<String> committed = new CopyOnWriteArrayList<>();
    final AtomicInteger ddl = new AtomicInteger();
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicReference<SQLException> nextInsert = new AtomicReference<>();
    final AtomicReference<SQLException> nextCommit = new AtomicReference<>();

    JdbcConnector connector() {
      return new JdbcConnector(Endpoints.fixed(URI.create("tcp://fake:5432")), "postgres", "postgres",
          Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)) {
        @Override
        Session connect(URI endpoint) {
          connects.incrementAndGet();
          return new Session(connection(), where(endpoint));
        }
      };
    }

    private Connection connection() {
      List<String> pending = new CopyOnWriteArrayList<>();
      return proxy(Connection.class, (name, args) -> switch (name) {
        case "createStatement" -> proxy(Statement.class, (n, a) -> switch (n) {
          case "execute" -> {
            ddl.incrementAndGet();
            yield false;
          }
          case "executeQuery" -> rows(List.copyOf(committed).iterator());
          default -> null;
        });
        case "prepareStatement" -> insert(pending);
        case "commit" -> {
          SQLException e = nextCommit.getAndSet(null);
          if (e == null || !e.getSQLState().startsWith("40")) { // a lost reply: it may well have committed
            committed.addAll(pending);
          }
          pending.clear();
          if (e != null) {
            throw e;
          }
          yield null;
        }
        case "close" -> {
          closed.incrementAndGet();
          yield null;
        }
        default -> null; // rollback, setAutoCommit
      });
    }

    private PreparedStatement insert(List<String> pending) {
      AtomicReference<String> value = new AtomicReference<>();
      return proxy(PreparedStatement.class, (name, args) -> switch (name) {
        case "setString" -> {
          value.set((String) args[1]);
          yield null;
        }
        case "executeUpdate" -> {
          SQLException e = nextInsert.getAndSet(null);
          if (e != null) {
            throw e;
          }
          pending.add(value.get());
          yield 1;
        }
        default -> null;
      });
    }

    private static ResultSet rows(Iterator<String> values) {
      AtomicReference<String> current = new AtomicReference<>();
      return proxy(ResultSet.class, (name, args) -> switch (name) {
        case "next" -> {
          current.set(values.hasNext() ? values.next() : null);
          yield current.get() != null;
        }
        case "getString" -> current.get();
        default -> null;
      });
    }

    interface Answer {
      Object answer(String method, Object[] args) throws SQLException;
    }

    static <T> T proxy(Class<T> type, Answer answer) {
      return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
          (p, method, args) -> answer.answer(method.getName(), args)));
    }
  }

  @Test
  void classifiesByPhaseDropsTheSessionAfterAnErrorAndReadsEveryCommittedValue() {
    FakeDb db = new FakeDb();
    JdbcClient client = new JdbcClient(db.connector());
    String v1 = ChecksummedValue.encode("p0-1", "a");
    String v2 = ChecksummedValue.encode("p0-2", "b");
    String v3 = ChecksummedValue.encode("p0-3", "c");
    String v4 = ChecksummedValue.encode("p0-4", "d");

    assertThat(client.invoke(new Op(0, Op.WRITE, v1))).isEqualTo(Result.ok());
    db.nextCommit.set(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
    Result lostCommit = client.invoke(new Op(0, Op.WRITE, v2));
    db.nextInsert.set(new SQLException("terminating connection due to administrator command", "57P01"));
    Result refusedInsert = client.invoke(new Op(0, Op.WRITE, v3));
    db.nextCommit.set(new SQLException("could not serialize access", "40001"));
    Result rolledBack = client.invoke(new Op(1, Op.WRITE, v4));
    Result read = client.invoke(new Op(4, Op.READ, null));

    assertThat(lostCommit).isEqualTo(Result.info("commit via fake:5432: [08006] An I/O error occurred while sending"
        + " to the backend."));
    assertThat(refusedInsert).isEqualTo(Result.fail("statement via fake:5432: [57P01] terminating connection due to"
        + " administrator command"));
    assertThat(rolledBack.type()).isEqualTo(Operation.Type.FAIL);
    assertThat(db.ddl).as("the table is created once, on first use").hasValue(1);
    assertThat(db.connects).as("process 0 reconnects after each error; 1 and the reader have their own")
        .hasValue(4);
    assertThat(read).isEqualTo(Result.ok(String.join(",", db.committed), null));
    assertThat(read.value()).isEqualTo(v1 + "," + v2);
    client.close();
    assertThat(db.closed).as("every session closed: 3 dropped after errors, then the reader's").hasValue(4);
  }

  @Test
  void aLoadOfUniqueWritesEndsWithAFinalReadOfExactlyTheCommittedRows() {
    FakeDb db = new FakeDb();
    Load load = Load.of("postgres-writes", new JdbcClient(db.connector())).rate(100).processes(3)
        .ops(Generators.limit(12, Generators.uniqueWrites(3)));
    History history = load.run(Duration.ofMillis(500));
    Operation read = load.finalRead(Duration.ofSeconds(5));

    List<String> written = history.snapshot().stream().filter(o -> o.isOk() && o.function().equals("write"))
        .map(Operation::value).toList();
    assertThat(written).hasSize(12).allMatch(ChecksummedValue::verify).doesNotHaveDuplicates();
    assertThat(read.isOk()).as("final read %s", read).isTrue();
    assertThat(read.process()).isEqualTo(3);
    assertThat(read.value().split(",")).containsExactlyInAnyOrderElementsOf(written);
    load.close();
  }

  @Test
  void connectionRefusedIsAFailedWrite() throws IOException {
    JdbcClient client = new JdbcClient(Endpoints.fixed(URI.create("tcp://127.0.0.1:" + closedPort())))
        .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(client.ensureTable(Duration.ofSeconds(1))).isFalse();
    List<Operation> writes;
    Operation read;
    try (Load load = Load.of("postgres-writes", client).rate(20).processes(2).timeout(client.worstCase())
        .ops(Generators.uniqueWrites(7))) {
      load.run(Duration.ofMillis(500));
      read = load.finalRead(Duration.ofSeconds(1));
      writes = load.history().snapshot().stream().filter(o -> o.function().equals("write")).toList();
    }

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
      JdbcClient client = new JdbcClient(Endpoints.fixed(URI.create("tcp://127.0.0.1:" + silent.getLocalPort())))
          .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
      client.ensureTable(Duration.ofMillis(100));

      long start = System.nanoTime();
      try (Load load = Load.of("postgres-writes", client).rate(10).processes(2).timeout(client.worstCase())) {
        History history = load.run(Duration.ofSeconds(2));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMs).as("run + bounded stop").isLessThan(2_000 + 8_000);
        List<Operation> done = history.snapshot().stream().filter(o -> o.function().equals("write") && !o.isInvoke())
            .toList();
        assertThat(done).isNotEmpty().allMatch(Operation::isFail);
        assertThat(load.skipped()).as("both processes were stuck in login").isPositive();
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void rejectsBadSettings() {
    JdbcClient client = new JdbcClient(Endpoints.fixed(URI.create("tcp://127.0.0.1:1")));
    assertThatThrownBy(() -> client.table("Robert'); DROP TABLE x;--"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table must match");
    assertThatThrownBy(() -> client.timeouts(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("socketTimeout");
    assertThat(client.invoke(new Op(0, "cas", null)).error()).contains("unknown function cas");
  }
}
