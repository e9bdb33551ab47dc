package dev.shakedown.scenarios;

import static dev.shakedown.assertj.ShakedownAssertions.assertThat;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import dev.shakedown.check.AvailabilityThresholds;
import dev.shakedown.check.BeforeAfter;
import dev.shakedown.check.Checkers;
import dev.shakedown.check.Facts;
import dev.shakedown.check.ReadyPods;
import dev.shakedown.check.StatefulSetSnapshot;
import dev.shakedown.check.StatefulSetSnapshots;
import dev.shakedown.check.TimelineCheckers;
import dev.shakedown.check.Verdict;
import dev.shakedown.client.Load;
import dev.shakedown.etcd.Etcd;
import dev.shakedown.etcd.EtcdClient;
import dev.shakedown.junit.ChaosTest;
import dev.shakedown.maintenance.ApiServerClient;
import dev.shakedown.maintenance.KubernetesUpgrade;
import dev.shakedown.postgres.JdbcClient;
import dev.shakedown.postgres.Postgres;
import dev.shakedown.scenario.Run;
import dev.shakedown.scenario.ScenarioContext;
import dev.shakedown.web.AvailabilityScenario;
import dev.shakedown.web.HttpService;
import dev.shakedown.web.WebClient;
import org.junit.jupiter.api.Test;

/**
 * A real minor upgrade under load (profile {@code -Pupgrade}; build first: {@code kind-config/cluster build
 * --upgrade-to <the pin>}): {@code kubeadm upgrade apply} on the control plane, then each worker drained, upgraded
 * and uncordoned in turn, under web, etcd and PostgreSQL load. Verified: every node on the new version, the web
 * service's availability, no acknowledged etcd or PostgreSQL write lost, every pod placed; the API-down window measured.
 */
@ChaosTest
class KubernetesMinorUpgradeScenario {

  @Test
  void theClusterMovesUpOneMinorUnderLoadAndNoAcknowledgedWriteIsLost(ScenarioContext ctx) {
    HttpService web = ctx.deploy(HttpService.of(ctx).replicas(3));
    Etcd etcd = ctx.deploy(Etcd.of(ctx));
    Postgres pg = ctx.deploy(Postgres.of(ctx));
    StatefulSetSnapshot etcdBefore = etcdSnapshot(ctx, etcd, null);
    StatefulSetSnapshot pgBefore = pg.snapshot(null);
    Load requests = WebClient.load(ctx, web);
    Load sql = JdbcClient.load(ctx, pg);
    Load api = ApiServerClient.load(ctx);
    Run run = ctx.run(EtcdClient.load(ctx, etcd), requests, sql, api);
    KubernetesUpgrade upgrade = KubernetesUpgrade.toPinnedNextMinor();
    long t0 = System.nanoTime();
    run.inject(upgrade).heal().recover(() -> pg.awaitReady(ofMinutes(3)))
        .measure("upgrade, total", java.time.Duration.ofNanos(System.nanoTime() - t0))
        .measure("artifacts copied into the nodes", upgrade.loadTime())
        .measure("control plane (kubeadm upgrade apply + kubelet)", upgrade.controlPlaneTime())
        .measure("versions", upgrade.versions());
    upgrade.workerReport().forEach(node -> run.measure("worker " + node.node(), node.summary()));
    Verdict apiWindow = Checkers.availability(AvailabilityThresholds.none()).check(Facts.of(api.history(), ctx.timeline()));
    run.measure("API server down (longest outage of GET /readyz)", apiWindow.details().get("longest-outage"));
    run.measure("success ratio web / etcd / sql", ratio(requests) + " / " + ratio(run.loads().get(0)) + " / " + ratio(sql));

    StatefulSetSnapshot etcdAfter = etcdSnapshot(ctx, etcd, longestBelow(ctx, etcd.name(), etcd.pods().size()));
    StatefulSetSnapshot pgAfter = pg.snapshot(longestBelow(ctx, pg.name(), 1));
    run.measure("etcd / PostgreSQL longest below their replicas", etcdAfter.readyAfter() + " / " + pgAfter.readyAfter());

    assertThat(run.finalRead(ofSeconds(60))).isOk();
    assertThat(sql.finalRead(ofSeconds(60))).isOk();
    assertThat(run.check(Checkers.noLostWrites().on(Facts::history), Checkers.noLostWrites().on(f -> sql.history()),
        Checkers.availability(AvailabilityScenario.THRESHOLDS).on(f -> Facts.of(requests.history(), f.timeline())),
        Checkers.statefulSetRecovered(ofMinutes(3)).on(f -> BeforeAfter.of(etcdBefore, etcdAfter)),
        Checkers.statefulSetRecovered(ofMinutes(3)).on(f -> BeforeAfter.of(pgBefore, pgAfter)),
        TimelineCheckers.podsPlacedWithin(ofMinutes(2)).on(Facts::timeline))).isValid();
  }

  private static StatefulSetSnapshot etcdSnapshot(ScenarioContext ctx, Etcd etcd, java.time.Duration readyAfter) {
    return StatefulSetSnapshots.of(ctx.client(), ctx.namespace(), etcd.name(), etcd.pods(), readyAfter);
  }

  /** The longest stretch a StatefulSet had fewer than its replicas Ready: its worst node's drain-to-Ready. */
  private static java.time.Duration longestBelow(ScenarioContext ctx, String name, int replicas) {
    var events = ctx.timeline().snapshot();
    return ReadyPods.of(events, ReadyPods.prefix(ctx.namespace(), name)).longestBelow(events, replicas);
  }

  private static String ratio(Load load) {
    var done = load.history().snapshot().stream().filter(op -> !op.isInvoke()).toList();
    return String.format(java.util.Locale.ROOT, "%.2f%%", 100.0 * done.stream().filter(op -> op.isOk()).count()
        / Math.max(1, done.size()));
  }
}
