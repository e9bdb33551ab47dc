package dev.shakedown.postgres;

import dev.shakedown.client.Client;
import dev.shakedown.client.Generators;
import dev.shakedown.client.Load;
import dev.shakedown.client.Op;
import dev.shakedown.client.Result;
import dev.shakedown.cluster.Scope;
import dev.shakedown.postgres.JdbcConnector.Session;
import dev.shakedown.postgres.JdbcOutcome.Phase;
import dev.shakedown.workload.Endpoints;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL through JDBC, one row per written value in a table it creates on first use ({@value #TABLE} unless
 * {@link #table(String)} says otherwise). Each process has its own connection, opened when needed (the endpoints are
 * then refreshed, at most every 2 s) and dropped after any error. A {@code write} is its own transaction
 * ({@code INSERT}, then {@code COMMIT}); a {@code read} returns every value in insertion order, joined by {@code ,}.
 * A failure is fail or info by {@link JdbcOutcome}'s rules. Every call is bounded by the JDBC timeouts.
 */
public final class JdbcClient implements Client {

  /** The default table. */
  public static final String TABLE = "shakedown_writes";

  private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();
  private volatile JdbcConnector connector;
  private volatile JdbcTable table = new JdbcTable(TABLE);
  private volatile boolean tableReady;

  /** A client of the database {@code postgres} as user {@code postgres} at {@code endpoints}. */
  public JdbcClient(Endpoints endpoints) {
    this(new JdbcConnector(endpoints, "postgres", "postgres", Duration.ofSeconds(3), Duration.ofSeconds(5),
        Duration.ofSeconds(5)));
  }

  JdbcClient(JdbcConnector connector) {
    this.connector = Objects.requireNonNull(connector, "connector");
  }

  /** {@link #load(Scope, JdbcClient)} of {@link Postgres#jdbcClient()}. Deploy {@code pg} first. */
  public static Load load(Scope scope, Postgres pg) {
    return load(scope, pg.jdbcClient());
  }

  /**
   * The load Shakedown runs with {@code client}: 20 unique checksummed writes per second over 4 processes, seeded
   * from the scenario's random source, each bounded by the client's {@link #worstCase()}; closed with the scenario.
   */
  public static Load load(Scope scope, JdbcClient client) {
    return scope.register(Load.of("postgres-writes", client).rate(20).processes(4).timeout(client.worstCase())
        .ops(Generators.uniqueWrites(scope.random().nextLong())));
  }

  /** JDBC timeouts: TCP connect (default 3 s), each socket read (5 s), connect plus login (5 s); all positive. */
  public JdbcClient timeouts(Duration connect, Duration socket, Duration login) {
    connector = connector.withTimeouts(connect, socket, login);
    return this;
  }

  /** The table written to: lower-case letters, digits and {@code _}. */
  public JdbcClient table(String name) { table = new JdbcTable(name); tableReady = false; return this; }

  /** The table written to. */
  public String table() { return table.name(); }

  /** The longest one operation can take: login, then two replies (statement, commit). */
  public Duration worstCase() { return connector.worstCase(); }

  /** Creates the table if missing, retrying within {@code atMost}; {@code false} when the database never answered. */
  public boolean ensureTable(Duration atMost) {
    tableReady |= table.ensure(connector, atMost);
    return tableReady;
  }

  /** Inserts and commits a {@code write}, or reads every value for a {@code read}, on the process's connection. */
  @Override
  public Result invoke(Op op) {
    if (!op.isWrite() && !op.isRead()) {
      return Result.fail("JDBC client: unknown function " + op.function() + " (write or read)");
    }
    Phase phase = Phase.CONNECT;
    String where = "(no endpoint)";
    try {
      Session session = sessions.get(op.process());
      if (session == null) {
        connector.refreshEndpointsEvery2s();
        URI endpoint = connector.next();
        where = JdbcConnector.where(endpoint);
        session = connector.connect(endpoint);
        sessions.put(op.process(), session);
      }
      where = session.where();
      phase = Phase.STATEMENT;
      Connection connection = session.connection();
      if (!tableReady) {
        createTable(connection);
      }
      if (op.isRead()) {
        return Result.ok(table.readAll(connection), null);
      }
      table.insert(connection, op.value());
      phase = Phase.COMMIT;
      connection.commit();
      return Result.ok();
    } catch (SQLException | RuntimeException e) {
      drop(op.process());
      return JdbcOutcome.result(phase, e, where);
    }
  }

  /** Closes every process's connection. */
  @Override
  public void close() {
    sessions.keySet().forEach(this::drop);
  }

  private synchronized void createTable(Connection connection) throws SQLException {
    if (!tableReady) {
      table.create(connection);
      tableReady = true;
    }
  }

  private void drop(int process) {
    Session session = sessions.remove(process);
    if (session != null) {
      session.close();
    }
  }
}
