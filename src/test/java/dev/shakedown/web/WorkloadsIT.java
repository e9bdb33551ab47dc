package dev.shakedown.web;

import dev.shakedown.history.Operation;
import dev.shakedown.web.HttpService;
import dev.shakedown.client.Load;
import dev.shakedown.web.WebClient;
import dev.shakedown.web.StatefulKv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shakedown.junit.ChaosTest;
import dev.shakedown.scenario.ScenarioContext;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import dev.shakedown.internal.Waits;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@ChaosTest
class WorkloadsIT {

  @Test
  void httpServiceAnswersTheLoadClientFromItsReplicas(ScenarioContext ctx) {
    long start = System.nanoTime();
    HttpService web = HttpService.of(ctx).deploy().awaitReady(Duration.ofMinutes(2));
    System.out.printf("MEASURE http service 3 replicas Ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    int nodePort = web.nodePort();
    web.deploy().awaitReady(Duration.ofMinutes(1)); // deploying again replaces, keeping the Service
    assertThat(web.nodePort()).isEqualTo(nodePort);
    Set<String> pods = web.pods().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    assertThat(pods).hasSize(3);

    Load load = WebClient.load(ctx, web).rate(20);
    List<Operation> ops = load.run(Duration.ofSeconds(5)).snapshot();

    long invokes = ops.stream().filter(Operation::isInvoke).count();
    List<Operation> ok = ops.stream().filter(Operation::isOk).toList();
    System.out.printf("MEASURE load 20/s for 5 s: %d invokes, %d ok, %d skipped, served by %s%n", invokes, ok.size(),
        load.skipped(), ok.stream().collect(Collectors.groupingBy(Operation::servedBy, Collectors.counting())));
    assertThat(invokes).isBetween(80L, 120L);
    assertThat(ok).hasSize((int) invokes);
    assertThat(ok).extracting(Operation::servedBy).allMatch(pods::contains);
    // kube-proxy picks a pod per connection, and a load client keeps one connection per node alive: 4 connections
    // all land on one of 3 pods with probability 1/27. Short loads on fresh clients (new connections) until two
    // replicas have answered; a Service that only ever reaches one replica still fails.
    Set<String> servedBy = ok.stream().map(Operation::servedBy).collect(Collectors.toCollection(HashSet::new));
    Waits.until("requests served by at least 2 replicas", Duration.ofSeconds(40), Duration.ofMillis(1), () -> {
      if (servedBy.size() < 2) {
        WebClient.load(ctx, web).rate(20).run(Duration.ofSeconds(1)).snapshot().stream().filter(Operation::isOk)
            .map(Operation::servedBy).forEach(servedBy::add);
      }
      return Set.copyOf(servedBy);
    }, s -> s.size() >= 2);
    assertThat(servedBy).as("requests spread over replicas").hasSizeGreaterThanOrEqualTo(2).isSubsetOf(pods);
  }

  @Test
  void statefulKvSpreadsOverNodesWithBoundVolumes(ScenarioContext ctx) {
    long start = System.nanoTime();
    StatefulKv kv = StatefulKv.of(ctx).deploy().awaitReady(Duration.ofMinutes(3));
    System.out.printf("MEASURE stateful kv 3 replicas + PVCs Ready in %d ms%n", (System.nanoTime() - start) / 1_000_000);

    List<Pod> pods = kv.pods();
    assertThat(pods).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("kv-0", "kv-1", "kv-2");
    assertThat(pods.stream().map(p -> p.getSpec().getNodeName()).distinct().count()).as("one pod per node")
        .isEqualTo(3);
    assertThat(kv.claims()).hasSize(3).allSatisfy(c -> assertThat(c.getStatus().getPhase()).isEqualTo("Bound"));
  }
}
