package dev.shakedown.postgres;

import dev.shakedown.history.History;
import dev.shakedown.history.Operation;

import dev.shakedown.internal.Waits;
import dev.shakedown.postgres.JdbcConnector.Session;
import dev.shakedown.postgres.JdbcOutcome.Phase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table a {@link JdbcWriter} writes to: one row per written value, {@code (id bigserial, value text,
 * written_at timestamptz)}. Creates it and reads it back; each read is recorded in a {@link History}.
 */
final class JdbcTable {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcTable.class);
  static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final String name;

  JdbcTable(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("table must match " + NAME + ", was " + name);
    }
    this.name = name;
  }

  String name() { return name; }

  String ddl() {
    return "CREATE TABLE IF NOT EXISTS " + name
        + " (id bigserial PRIMARY KEY, value text NOT NULL, written_at timestamptz NOT NULL DEFAULT now())";
  }

  String insert() { return "INSERT INTO " + name + " (value) VALUES (?)"; }

  String selectAll() { return "SELECT value FROM " + name + " ORDER BY id"; }

  /** Creates the table if missing, retrying every second within {@code atMost}; returns whether it exists. */
  boolean ensure(JdbcConnector connector, Duration atMost) {
    String failure = Waits.lastAttempt("table " + name + " exists", atMost, Duration.ofSeconds(1), () -> {
      try (Session s = connector.connect(); Statement st = s.connection().createStatement()) {
        st.execute(ddl());
        s.connection().commit();
        return "";
      } catch (SQLException e) {
        connector.refreshEndpoints();
        return e.getMessage() == null ? e.toString() : e.getMessage();
      }
    }, String::isEmpty);
    if (failure == null || !failure.isEmpty()) {
      LOG.warn("table {} not created within {}: {}", name, atMost, failure == null ? "not tried" : failure);
      return false;
    }
    return true;
  }

  /** One read of every value on a fresh connection, recorded as {@code read}: ok with the values joined by ','. */
  Operation read(JdbcConnector connector, History history, int process) {
    history.invoke(process, "read", null);
    Phase phase = Phase.CONNECT;
    String where = "(no endpoint)";
    try {
      java.net.URI endpoint = connector.next();
      where = JdbcConnector.where(endpoint);
      try (Session session = connector.connect(endpoint)) {
        phase = Phase.STATEMENT;
        StringJoiner values = new StringJoiner(",");
        try (Statement st = session.connection().createStatement(); ResultSet rows = st.executeQuery(selectAll())) {
          while (rows.next()) {
            values.add(rows.getString(1));
          }
        }
        session.connection().rollback();
        return history.ok(process, "read", values.toString(), null);
      }
    } catch (SQLException | RuntimeException e) {
      return history.fail(process, "read", null, JdbcOutcome.describe(phase, e, where));
    }
  }

  /** {@link #read}, retried every second until one succeeds or {@code atMost} elapses; the last attempt. */
  Operation readUntilOk(JdbcConnector connector, History history, int process, Duration atMost) {
    Objects.requireNonNull(atMost, "atMost");
    Operation last = Waits.lastAttempt("read of table " + name + " succeeds", atMost, Duration.ofSeconds(1), () -> {
      connector.refreshEndpoints();
      return read(connector, history, process);
    }, Operation::isOk);
    if (last == null || !last.isOk()) {
      LOG.warn("read of {} did not succeed within {}: {}", name, atMost, last == null ? null : last.error());
    }
    return last;
  }
}
