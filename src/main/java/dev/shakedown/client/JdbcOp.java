package dev.shakedown.client;

import dev.shakedown.workload.Endpoints;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Client} for a SQL database, made of two functions: how to connect to an endpoint (your driver, URL,
 * credentials and timeouts) and what one op runs on a connection (your statements; commit inside). Each process keeps
 * its own connection (auto-commit off), dropped after any error. How an error completes the op:
 * <ul>
 *   <li>connecting failed: {@code fail} (nothing was sent);
 *   <li>SQLState class {@code 40} (rolled back), {@code 23} (constraint), {@code 22} (data), {@code 42} (syntax or
 *       access): {@code fail}, the database refused it;
 *   <li>anything else, notably class {@code 08} (connection lost, perhaps after the commit reached the server):
 *       {@code info}.
 * </ul>
 *
 * <pre>{@code
 * Client db = JdbcOp.client(Endpoints.of(ctx, "db", 5432),
 *     base -> DriverManager.getConnection("jdbc:postgresql://" + base.getAuthority() + "/app?socketTimeout=5", "app", "pw"),
 *     (c, op) -> op.isWrite() ? insert(c, op.value()) : Result.ok(selectAll(c), null));
 * }</pre>
 */
public final class JdbcOp implements Client {

  /** Opens a connection to {@code endpoint} (a base URI whose authority is {@code host:port}). */
  @FunctionalInterface
  public interface Connect {
    Connection open(URI endpoint) throws SQLException;
  }

  /** Runs one op on a connection and says how it completed; an {@link SQLException} is classified as above. */
  @FunctionalInterface
  public interface Statements {
    Result run(Connection connection, Op op) throws SQLException;
  }

  private final Endpoints endpoints;
  private final Connect connect;
  private final Statements statements;
  private final Map<Integer, Connection> sessions = new ConcurrentHashMap<>();

  private JdbcOp(Endpoints endpoints, Connect connect, Statements statements) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.connect = Objects.requireNonNull(connect, "connect");
    this.statements = Objects.requireNonNull(statements, "statements");
  }

  public static JdbcOp client(Endpoints endpoints, Connect connect, Statements statements) {
    return new JdbcOp(endpoints, connect, statements);
  }

  @Override
  public Result invoke(Op op) {
    Connection connection = sessions.get(op.process());
    if (connection == null) {
      URI endpoint = endpoints.next();
      try {
        connection = connect.open(endpoint);
        connection.setAutoCommit(false);
      } catch (SQLException | RuntimeException e) {
        return Result.fail("connect to " + endpoint.getAuthority() + ": " + e.getMessage());
      }
      sessions.put(op.process(), connection);
    }
    try {
      return statements.run(connection, op);
    } catch (SQLException e) {
      drop(op.process());
      return classify(e);
    } catch (RuntimeException e) {
      drop(op.process());
      return Result.info(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** The rule in the class comment. */
  static Result classify(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String text = "SQLState " + (state.isEmpty() ? "none" : state) + ": " + e.getMessage();
    return state.startsWith("40") || state.startsWith("23") || state.startsWith("22") || state.startsWith("42")
        ? Result.fail(text) : Result.info(text);
  }

  @Override
  public void close() {
    sessions.keySet().forEach(this::drop);
  }

  private void drop(int process) {
    Connection connection = sessions.remove(process);
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException | RuntimeException ignored) {
        // dropping a broken connection
      }
    }
  }
}
