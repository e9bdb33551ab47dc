package dev.shakedown.web;

import dev.shakedown.history.Timeline;

import dev.shakedown.cluster.Scope;
import dev.shakedown.workload.Endpoints;
import dev.shakedown.history.History;
import dev.shakedown.client.Generators;
import dev.shakedown.client.Load;
import dev.shakedown.workload.NodePortEndpoints;
import dev.shakedown.history.Operation;
import java.time.Duration;
import java.util.Objects;

/**
 * Calls an HTTP service continuously at a bounded rate (default 5/s) while a scenario runs, keeping every
 * result in its own {@link History}, and marks each change between answering and not answering in the
 * timeline ({@code probe} / {@code up} or {@code down}), so an outage shows next to the fault that caused it.
 */
public final class Probe implements AutoCloseable {

  private final String name;
  private final Timeline timeline;
  private final Load client;
  private Boolean up;

  private Probe(String name, Endpoints endpoints, Timeline timeline) {
    this.name = Objects.requireNonNull(name, "name");
    this.timeline = Objects.requireNonNull(timeline, "timeline");
    this.client = Load.of("probe-" + name, WebClient.of(endpoints, Duration.ofSeconds(2), "/")).rate(5).processes(4)
        .ops(Generators.constant("get")).onComplete(this::observe);
  }

  /** An HTTP probe of {@code endpoints}, reporting as {@code probe/<name>}. Call {@link #start()}. */
  public static Probe http(String name, Endpoints endpoints, Timeline timeline) {
    return new Probe(name, endpoints, timeline);
  }

  /** A started probe of an HTTP service's NodePort, stopped with the scenario. */
  public static Probe http(Scope ctx, HttpService service) {
    Probe probe = new Probe(service.name(), NodePortEndpoints.of(ctx.client(), service.namespace(), service.name()), ctx.timeline());
    return ctx.register(probe).start();
  }

  public Probe rate(double perSecond) {
    client.rate(perSecond);
    return this;
  }

  public Probe start() {
    client.start();
    return this;
  }

  /** Every probe request and its outcome. */
  public History history() {
    return client.history();
  }

  private synchronized void observe(Operation op) {
    boolean nowUp = op.isOk();
    if (up == null || up != nowUp) {
      up = nowUp;
      timeline.mark("probe", nowUp ? "up" : "down").subject("probe/" + name).detail(nowUp ? "served by " + op.servedBy() : op.type() + ": " + op.error()).record();
    }
  }

  /** Stops probing; idempotent. */
  @Override
  public void close() {
    client.close();
  }
}
