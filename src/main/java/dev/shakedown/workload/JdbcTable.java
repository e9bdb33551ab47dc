package dev.shakedown.workload;

import dev.shakedown.workload.JdbcConnector.Session;
import dev.shakedown.workload.JdbcOutcome.Phase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
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
    String[] last = {"not tried"};
    try {
      Awaitility.await("table " + name + " exists").atMost(atMost).pollInSameThread().pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofSeconds(1)).until(() -> {
            try (Session s = connector.connect(); Statement st = s.connection().createStatement()) {
              st.execute(ddl());
              s.connection().commit();
              return true;
            } catch (SQLException e) {
              last[0] = e.getMessage();
              connector.refreshEndpoints();
              return false;
            }
          });
      return true;
    } catch (ConditionTimeoutException e) {
      LOG.warn("table {} not created within {}: {}", name, atMost, last[0]);
      return false;
    }
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
    Operation[] last = {null};
    try {
      Awaitility.await("read of table " + name + " succeeds").atMost(atMost).pollInSameThread()
          .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).until(() -> {
            connector.refreshEndpoints();
            last[0] = read(connector, history, process);
            return last[0].isOk();
          });
    } catch (ConditionTimeoutException e) {
      LOG.warn("read of {} did not succeed within {}: {}", name, atMost, last[0] == null ? null : last[0].error());
    }
    return last[0];
  }
}
