package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import dev.shakedown.check.BeforeAfter;
import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.check.ReadyPods;
import dev.shakedown.check.StatefulSetSnapshot;
import dev.shakedown.check.StatefulSetSnapshots;
import dev.shakedown.check.TimelineCheckers;
import dev.shakedown.client.Load;
import dev.shakedown.etcd.Etcd;
import dev.shakedown.etcd.EtcdClient;
import dev.shakedown.fault.Targets;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.maintenance.RollingMaintenance;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.AvailabilityScenario;
import dev.shakedown.web.HttpService;
import dev.shakedown.web.WebClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal before an upgrade: every worker in turn is drained (budgets respected), its node container stopped
 * for 20 s and started, and uncordoned once Ready, under web and etcd load. First the capacity check: each worker's
 * pods fit on the others (etcd members, whose volumes live on their node, wait for it). Verified: the web service's
 * availability, no acknowledged etcd write lost, the etcd StatefulSet back whole, every pod placed within 60 s.
 */
@ChaosTest
class PreUpgradeRollingMaintenanceScenario {

  @Test
  void everyWorkerIsDrainedRestartedAndUncordonedInTurnUnderLoad(ScenarioContext ctx) {
    HttpService web = ctx.deploy(HttpService.of(ctx).replicas(3));
    Etcd etcd = ctx.deploy(Etcd.of(ctx));
    StatefulSetSnapshot before = StatefulSetSnapshots.of(ctx.client(), ctx.namespace(), etcd.name(), etcd.pods(), null);
    Load requests = WebClient.load(ctx, web);
    Run run = ctx.run(EtcdClient.load(ctx, etcd), requests);
    RollingMaintenance maintenance = RollingMaintenance.of(Targets.workers().all()).downFor(ofSeconds(20));
    long t0 = System.nanoTime();
    run.inject(maintenance).heal().recover(() -> etcd.awaitReady(ofMinutes(3)))
        .measure("rolling maintenance, total", Duration.ofNanos(System.nanoTime() - t0))
        .measure("capacity before", maintenance.capacity().verdict().summary());
    maintenance.report().forEach(node -> run.measure("maintenance " + node.node(), node.summary()));
    var events = ctx.timeline().snapshot();   // the worst member's drain until it is Ready again on its node
    Duration etcdBack = ReadyPods.of(events, ReadyPods.prefix(ctx.namespace(), etcd.name()))
        .longestBelow(events, etcd.pods().size());
    StatefulSetSnapshot after = StatefulSetSnapshots.of(ctx.client(), ctx.namespace(), etcd.name(), etcd.pods(),
        etcdBack);

    assertThat(maintenance.capacity().verdict()).isValid();
    assertThat(run.finalRead(ofSeconds(60))).isOk();
    assertThat(run.check(Checkers.noLostWrites().on(Facts::history),
        Checkers.availability(AvailabilityScenario.THRESHOLDS).on(f -> Facts.of(requests.history(), f.timeline())),
        Checkers.statefulSetRecovered(ofMinutes(3)).on(f -> BeforeAfter.of(before, after)),
        TimelineCheckers.podsPlacedWithin(ofSeconds(60)).on(Facts::timeline))).isValid();
  }
}
