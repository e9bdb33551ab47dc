package dev.shakedown.postgres;

import dev.shakedown.internal.Waits;
import dev.shakedown.postgres.JdbcConnector.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table a {@link JdbcClient} writes to: one row per written value, {@code (id bigserial, value text,
 * written_at timestamptz)}. Creates it and reads it back.
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
      try (Session s = connector.connect()) {
        create(s.connection());
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

  /** Creates the table if missing, and commits. */
  void create(Connection connection) throws SQLException {
    try (Statement ddl = connection.createStatement()) {
      ddl.execute(ddl());
    }
    connection.commit();
  }

  /** Inserts {@code value} in the open transaction of {@code connection} (not committed). */
  void insert(Connection connection, String value) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(insert())) {
      insert.setString(1, value);
      insert.executeUpdate();
    }
  }

  /**
   * Every value in insertion order, joined by {@code ,}, read on {@code connection} (auto-commit off), whose
   * transaction is then rolled back so the next statement sees fresh data.
   */
  String readAll(Connection connection) throws SQLException {
    StringJoiner values = new StringJoiner(",");
    try (Statement st = connection.createStatement(); ResultSet rows = st.executeQuery(selectAll())) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    connection.rollback();
    return values.toString();
  }
}
