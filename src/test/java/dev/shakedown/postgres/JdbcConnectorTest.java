package dev.shakedown.postgres;

import dev.shakedown.workload.Endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JdbcConnectorTest {

  final Endpoints endpoints = Endpoints.fixed(URI.create("http://172.18.0.4:31234"));

  @Test
  void boundsEveryWaitInWholeSeconds() {
    JdbcConnector c = new JdbcConnector(endpoints, "postgres", "postgres", Duration.ofMillis(1500),
        Duration.ofSeconds(5), Duration.ofMillis(200));
    assertThat(c.url(URI.create("http://172.18.0.4:31234"))).isEqualTo("jdbc:postgresql://172.18.0.4:31234/postgres");
    assertThat(c.properties()).containsEntry("connectTimeout", "2").containsEntry("socketTimeout", "5")
        .containsEntry("loginTimeout", "1").containsEntry("user", "postgres").containsEntry("sslmode", "disable");
    assertThat(c.worstCase()).isEqualTo(Duration.ofMillis(200 + 1500 + 10_000));
  }

  @Test
  void refusesTimeoutsThatWouldMeanForever() {
    assertThatThrownBy(() -> new JdbcConnector(endpoints, "postgres", "postgres", Duration.ZERO, Duration.ofSeconds(1),
        Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
  }

  @Test
  void noEndpointIsAConnectionExceptionNotACrash() {
    Endpoints none = () -> {
      throw new IllegalStateException("no Ready node");
    };
    JdbcConnector c = new JdbcConnector(none, "postgres", "postgres", Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(1));
    assertThatThrownBy(c::connect).isInstanceOf(SQLException.class).hasMessageContaining("no Ready node")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
  }
}
