package dev.shakedown.postgres;

import dev.shakedown.client.Result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.postgres.JdbcOutcome.Phase;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JdbcOutcomeTest {

  @ParameterizedTest(name = "{0} failing with {1} -> {2}")
  @CsvSource({
      "CONNECT, 08001, FAIL",      // connection refused: nothing sent
      "CONNECT, 08006, FAIL",      // login timed out: nothing committed
      "STATEMENT, 08006, FAIL",    // connection lost during INSERT: COMMIT never sent
      "STATEMENT, 57P01, FAIL",    // server shutting down before COMMIT
      "STATEMENT, 23505, FAIL",
      "COMMIT, 40001, FAIL",       // serialization failure: rolled back
      "COMMIT, 40P01, FAIL",       // deadlock: rolled back
      "COMMIT, 23505, FAIL",       // deferred constraint: rolled back
      "COMMIT, 25P02, FAIL",       // in failed transaction: rolled back
      "COMMIT, 08006, INFO",       // I/O error or socket timeout after COMMIT was sent: unknown
      "COMMIT, 08003, INFO",
      "COMMIT, 57P01, INFO",       // terminated by shutdown: the commit may have been flushed
      "COMMIT, XX000, INFO",
  })
  void classifiesByPhaseAndSqlState(Phase phase, String state, String expected) {
    Result result = JdbcOutcome.result(phase, new SQLException("boom", state), "10.0.0.1:5432");
    assertThat(result.type().name()).isEqualTo(expected);
    assertThat(result.error()).startsWith(phase.name().toLowerCase() + " via 10.0.0.1:5432: [" + state + "] boom");
  }

  @Test
  void anErrorWithoutSqlStateAfterCommitIsIndeterminate() {
    assertThat(JdbcOutcome.surelyNotCommitted(Phase.COMMIT, new SQLException("no state"))).isFalse();
    assertThat(JdbcOutcome.surelyNotCommitted(Phase.COMMIT, new IllegalStateException("bug"))).isFalse();
    assertThat(JdbcOutcome.surelyNotCommitted(Phase.STATEMENT, new IllegalStateException("bug"))).isTrue();
  }

  @Test
  void describesTheCause() {
    SQLException e = new SQLException("An I/O error occurred while sending to the backend.", "08006",
        new SocketTimeoutException("Read timed out"));
    assertThat(JdbcOutcome.describe(Phase.COMMIT, e, "h:1"))
        .isEqualTo("commit via h:1: [08006] An I/O error occurred while sending to the backend. (SocketTimeoutException)");
    assertThat(JdbcOutcome.describe(Phase.CONNECT, new IOException(), "h:1")).isEqualTo("connect via h:1: IOException");
  }
}
