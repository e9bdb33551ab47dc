package dev.shakedown.web;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;

import dev.shakedown.check.BeforeAfter;
import dev.shakedown.check.Checkers;
import dev.shakedown.check.StatefulSetSnapshot;
import dev.shakedown.check.Verdict;
import dev.shakedown.fault.Faults;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The StatefulSet scenario's data check catches what identity alone cannot: a pod that comes back on a wiped volume
 * keeps its name, claim and volume (statefulSetRecovered VALID) but has lost its data (dataKept INVALID); a pod kill
 * on a durable volume keeps both.
 */
@ChaosTest
class StatefulKvDataIT {

  static final Duration READY = Duration.ofMinutes(3);

  @Test
  void aWipedVolumeUnderTheSameClaimIsInvalidWhileAPodKillKeepsTheData(ScenarioContext ctx) {
    StatefulKv kv = ctx.deploy(StatefulKv.of(ctx).replicas(2));
    StatefulSetSnapshot before = kv.snapshot(null);
    Map<String, String> written = kv.writeEach("marker", ctx.random());
    assertThat(written).containsOnlyKeys("kv-0", "kv-1");

    Faults.podKill(Targets.pods(kv).one()).recoverWithin(READY).inject(ctx).close();
    kv.awaitReady(READY);
    Map<String, String> afterKill = kv.readEach("marker");
    assertThat(Checkers.dataKept().check(BeforeAfter.of(written, afterKill))).isValid();

    Faults.wipeVolume("data-kv-1").inject(ctx).close();
    Faults.podKill(Targets.pod("kv-1")).recoverWithin(READY).inject(ctx).close();
    kv.awaitReady(READY);
    Map<String, String> afterWipe = kv.readEach("marker");
    Verdict identity = Checkers.statefulSetRecovered(READY).check(BeforeAfter.of(before, kv.snapshot(Duration.ZERO)));
    Verdict data = Checkers.dataKept().check(BeforeAfter.of(written, afterWipe));
    System.out.println("MEASURE wiped volume: " + identity.summary() + " | " + data.summary());

    assertThat(identity).as("same names, claims and volumes").isValid();
    assertThat(data).isInvalid();
    assertThat(data.summary()).isEqualTo("data-kept INVALID: data lost on [kv-1]");
  }
}
