package dev.shakedown.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.history.Operation;
import dev.shakedown.workload.Endpoints;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JdbcOpTest {

  final AtomicInteger opened = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();
  final List<String> endpoints = new ArrayList<>();

  Connection connection() {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            closed.incrementAndGet();
          }
          return null;
        });
  }

  JdbcOp client(JdbcOp.Statements statements) {
    return JdbcOp.client(Endpoints.fixed(URI.create("tcp://db-0:5432")), base -> {
      endpoints.add(base.getAuthority());
      opened.incrementAndGet();
      return connection();
    }, statements);
  }

  @Test
  void eachProcessKeepsItsConnectionUntilAnError() {
    AtomicInteger calls = new AtomicInteger();
    JdbcOp db = client((c, op) -> {
      if (calls.incrementAndGet() == 3) {
        throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
      }
      return Result.ok();
    });

    assertThat(db.invoke(new Op(0, Op.WRITE, "a")).type()).isEqualTo(Operation.Type.OK);
    assertThat(db.invoke(new Op(0, Op.WRITE, "b")).type()).isEqualTo(Operation.Type.OK);
    Result lost = db.invoke(new Op(0, Op.WRITE, "c"));
    db.invoke(new Op(0, Op.WRITE, "d"));
    db.invoke(new Op(1, Op.WRITE, "e"));

    assertThat(lost.type()).as("a lost connection may have committed").isEqualTo(Operation.Type.INFO);
    assertThat(lost.error()).isEqualTo("SQLState 08006: An I/O error occurred while sending to the backend.");
    assertThat(opened).as("process 0 twice (the error dropped it), process 1 once").hasValue(3);
    assertThat(closed).hasValue(1);
    assertThat(endpoints).containsOnly("db-0:5432");
    db.close();
    assertThat(closed).hasValue(3);
  }

  @Test
  void refusedByTheDatabaseIsFailAndNotConnectedIsFail() {
    assertThat(JdbcOp.classify(new SQLException("could not serialize access", "40001")).type())
        .isEqualTo(Operation.Type.FAIL);
    assertThat(JdbcOp.classify(new SQLException("duplicate key", "23505")).type()).isEqualTo(Operation.Type.FAIL);
    assertThat(JdbcOp.classify(new SQLException("terminating connection", "57P01")).type())
        .isEqualTo(Operation.Type.INFO);
    assertThat(JdbcOp.classify(new SQLException("no state")).type()).isEqualTo(Operation.Type.INFO);

    JdbcOp unreachable = JdbcOp.client(Endpoints.fixed(URI.create("tcp://db-0:5432")), base -> {
      throw new SQLException("Connection refused", "08001");
    }, (c, op) -> Result.ok());
    Result result = unreachable.invoke(new Op(0, Op.WRITE, "a"));
    assertThat(result.type()).as("nothing was sent").isEqualTo(Operation.Type.FAIL);
    assertThat(result.error()).isEqualTo("connect to db-0:5432: Connection refused");
  }
}
