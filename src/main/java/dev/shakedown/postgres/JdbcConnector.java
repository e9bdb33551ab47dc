package dev.shakedown.postgres;

import dev.shakedown.workload.Endpoints;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Opens PostgreSQL connections to the next of a set of {@link Endpoints} (their host and port; the scheme is
 * ignored) with every wait bounded: {@code connectTimeout} (TCP connect), {@code loginTimeout} (connect and
 * authentication together) and {@code socketTimeout} (each read of a reply), so a dead or frozen server fails
 * a call instead of hanging it. Connections are opened with auto-commit off. Not final: a test overrides
 * {@link #connect(URI)} to hand out fake connections.
 */
class JdbcConnector {

  private static final Driver DRIVER = new Driver();

  /** A connection and the endpoint ({@code host:port}) it went to. */
  record Session(Connection connection, String where) implements AutoCloseable {
    @Override
    public void close() {
      try {
        connection.close();
      } catch (SQLException | RuntimeException ignored) {
        // a broken connection is being dropped anyway
      }
    }
  }

  private static final long REFRESH_NANOS = Duration.ofSeconds(2).toNanos();

  private final AtomicLong lastRefresh = new AtomicLong(System.nanoTime() - REFRESH_NANOS);
  private final Endpoints endpoints;
  private final String database;
  private final String user;
  private final Duration connectTimeout;
  private final Duration socketTimeout;
  private final Duration loginTimeout;

  JdbcConnector(Endpoints endpoints, String database, String user, Duration connectTimeout, Duration socketTimeout,
      Duration loginTimeout) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.database = Objects.requireNonNull(database, "database");
    this.user = Objects.requireNonNull(user, "user");
    this.connectTimeout = positive(connectTimeout, "connectTimeout");
    this.socketTimeout = positive(socketTimeout, "socketTimeout");
    this.loginTimeout = positive(loginTimeout, "loginTimeout");
  }

  /** The same endpoints, database and user with other timeouts (validated as by the constructor). */
  JdbcConnector withTimeouts(Duration connect, Duration socket, Duration login) {
    return new JdbcConnector(endpoints, database, user, connect, socket, login);
  }

  /** {@code jdbc:postgresql://host:port/database}. */
  String url(URI endpoint) {
    return "jdbc:postgresql://" + endpoint.getHost() + ":" + endpoint.getPort() + "/" + database;
  }

  /** The driver properties: user, the three timeouts in whole seconds (rounded up), no SSL / GSS negotiation. */
  Properties properties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("connectTimeout", seconds(connectTimeout));
    p.setProperty("socketTimeout", seconds(socketTimeout));
    p.setProperty("loginTimeout", seconds(loginTimeout));
    p.setProperty("cancelSignalTimeout", seconds(connectTimeout));
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("sslmode", "disable");
    p.setProperty("gssEncMode", "disable");
    p.setProperty("ApplicationName", "shakedown");
    return p;
  }

  /** The next endpoint to connect to; an {@link SQLException} (state 08001) when there is none. */
  URI next() throws SQLException {
    try {
      return endpoints.next();
    } catch (RuntimeException e) {
      throw new SQLException("no endpoint to connect to: " + e, "08001", e);
    }
  }

  /** {@code host:port} of an endpoint, for messages. */
  static String where(URI endpoint) {
    return endpoint.getHost() + ":" + endpoint.getPort();
  }

  /** Opens a connection (auto-commit off) to the next endpoint; any failure is an {@link SQLException}. */
  Session connect() throws SQLException {
    return connect(next());
  }

  /** Opens a connection (auto-commit off) to {@code endpoint}; any failure is an {@link SQLException}. */
  Session connect(URI endpoint) throws SQLException {
    String where = where(endpoint);
    Connection connection = DRIVER.connect(url(endpoint), properties());
    if (connection == null) {
      throw new SQLException("driver refused URL " + url(endpoint), "08001");
    }
    connection.setAutoCommit(false);
    return new Session(connection, where);
  }

  /** {@link #refreshEndpoints()} unless the last refresh through this method was less than 2 s ago. */
  void refreshEndpointsEvery2s() {
    long last = lastRefresh.get();
    if (System.nanoTime() - last >= REFRESH_NANOS && lastRefresh.compareAndSet(last, System.nanoTime())) {
      refreshEndpoints();
    }
  }

  /** Re-reads the endpoints; keeps the current ones when that fails. */
  void refreshEndpoints() {
    try {
      endpoints.refresh();
    } catch (RuntimeException ignored) {
      // keep the endpoints we have; the next refresh retries
    }
  }

  /** The longest one write can take: login, then two replies (statement, commit). */
  Duration worstCase() {
    return loginTimeout.plus(connectTimeout).plus(socketTimeout.multipliedBy(2));
  }

  static String seconds(Duration d) {
    return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
  }

  private static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive (0 would mean: wait forever), was " + d);
    }
    return d;
  }
}
