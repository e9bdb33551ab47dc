package dev.shakedown.postgres;

import dev.shakedown.client.Result;
import java.sql.SQLException;
import java.util.Set;

/**
 * How a failed JDBC write completes its operation, by the phase it failed in:
 * <ul>
 *   <li>{@link Phase#CONNECT} (connection refused, connect / login timeout): {@code fail}, nothing was sent;</li>
 *   <li>{@link Phase#STATEMENT} (any error before {@code COMMIT} was sent): {@code fail}, a transaction
 *       without {@code COMMIT} never commits, the server rolls it back when the connection ends;</li>
 *   <li>{@link Phase#COMMIT}: {@code fail} only for a server error that proves the rollback (SQLState classes
 *       {@code 23} integrity, {@code 25} invalid transaction state, {@code 40} transaction rollback); a
 *       connection error, timeout, shutdown or anything else after {@code COMMIT} was sent is {@code info}.</li>
 * </ul>
 */
final class JdbcOutcome {

  /** Where a write was when it failed. */
  enum Phase { CONNECT, STATEMENT, COMMIT }

  private static final Set<String> ROLLED_BACK_CLASSES = Set.of("23", "25", "40");

  private JdbcOutcome() {}

  /** Whether an error in {@code phase} proves the write did not commit. */
  static boolean surelyNotCommitted(Phase phase, Throwable error) {
    if (phase != Phase.COMMIT) {
      return true;
    }
    String state = error instanceof SQLException sql ? sql.getSQLState() : null;
    return state != null && state.length() == 5 && ROLLED_BACK_CLASSES.contains(state.substring(0, 2));
  }

  /** The completion (fail or info, {@link #describe}d) of an operation that failed in {@code phase}. */
  static Result result(Phase phase, Throwable error, String where) {
    String text = describe(phase, error, where);
    return surelyNotCommitted(phase, error) ? Result.fail(text) : Result.info(text);
  }

  /** {@code <phase> via <host:port>: [SQLState] message (cause)}. */
  static String describe(Phase phase, Throwable error, String where) {
    StringBuilder s = new StringBuilder(phase.name().toLowerCase(java.util.Locale.ROOT)).append(" via ").append(where)
        .append(": ");
    if (error instanceof SQLException sql && sql.getSQLState() != null) {
      s.append('[').append(sql.getSQLState()).append("] ");
    }
    s.append(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage().strip());
    Throwable cause = error.getCause();
    if (cause != null && cause != error) {
      s.append(" (").append(cause.getClass().getSimpleName()).append(')');
    }
    return s.toString();
  }
}
