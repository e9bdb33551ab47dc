package dev.shakedown.client;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static java.time.Duration.ofMinutes;

import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.postgres.Postgres;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.workload.Endpoints;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A user's own JDBC client on {@link JdbcOp}, written here in the test, keeps every acknowledged row through a kill. */
@ChaosTest
class JdbcOpIT {

  static Client orders(ScenarioContext ctx, Postgres pg) {
    return JdbcOp.client(Endpoints.of(ctx, pg.clientServiceName(), Postgres.PORT), base -> DriverManager.getConnection(
        "jdbc:postgresql://" + base.getAuthority() + "/postgres?user=postgres&connectTimeout=3&socketTimeout=5"
            + "&sslmode=disable&gssEncMode=disable"), (c, op) -> {
          try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (v text PRIMARY KEY)");
            if (op.isWrite()) {
              s.executeUpdate("INSERT INTO orders VALUES ('" + op.value() + "')");
              c.commit();
              return Result.ok();
            }
            c.commit();
            List<String> all = new ArrayList<>();
            try (ResultSet rows = s.executeQuery("SELECT v FROM orders")) {
              while (rows.next()) {
                all.add(rows.getString(1));
              }
            }
            return Result.ok(String.join(",", all), null);
          }
        });
  }

  @Test
  void aClientOfTheUsersOwnKeepsEveryAcknowledgedRowThroughAPodKill(ScenarioContext ctx) {
    Postgres pg = ctx.deploy(Postgres.of(ctx));
    Run run = ctx.run(Load.of("orders", orders(ctx, pg)).rate(20).ops(Generators.uniqueWrites(ctx.seed())))
        .holdUntilOk(60, ofMinutes(2));
    run.inject(Faults.podKill(Targets.pods(pg).one()).recoverWithin(ofMinutes(5))).heal().holdUntilOk(40, ofMinutes(3));

    assertThat(run.finalRead(ofMinutes(2))).isOk();
    assertThat(run.check(Checkers.noLostWrites().on(Facts::history))).isValid();
  }
}
