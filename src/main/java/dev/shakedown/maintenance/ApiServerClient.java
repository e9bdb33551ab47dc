package dev.shakedown.maintenance;

import dev.shakedown.client.Client;
import dev.shakedown.client.Generators;
import dev.shakedown.client.Load;
import dev.shakedown.client.Op;
import dev.shakedown.client.Result;
import dev.shakedown.cluster.Scope;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * Asks the API server {@code GET /readyz} once per operation, through a client of its own with no retries and a
 * 2 s bound, so the load's history shows when the API served: the availability checker's longest outage of it is the
 * API-down window (say, of a control-plane upgrade). A refused connection is fail, a timeout info.
 */
public final class ApiServerClient implements Client {

  private final KubernetesClient shared;
  private volatile KubernetesClient client;

  public ApiServerClient(KubernetesClient shared) {
    this.shared = Objects.requireNonNull(shared, "shared");
  }

  /** The probe load: 5 requests per second, one process; closed with the scenario, started by the run. */
  public static Load load(Scope scope) {
    return scope.register(Load.of("api-server", new ApiServerClient(scope.client())).rate(5).processes(1)
        .timeout(Duration.ofSeconds(3)).ops(Generators.constant("readyz")));
  }

  @Override
  public synchronized void open() {
    close();
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(shared.getConfiguration())
        .withRequestRetryBackoffLimit(0).withRequestTimeout(2000).withConnectionTimeout(2000).build()).build();
  }

  @Override
  public Result invoke(Op op) {
    KubernetesClient current = client;
    if (current == null) {
      return Result.fail("api-server client not opened");
    }
    try {
      String answer = current.raw("/readyz");
      return "ok".equals(answer == null ? null : answer.strip()) ? Result.ok(answer.strip(), null)
          : Result.fail("/readyz answered " + answer);
    } catch (RuntimeException e) {
      String why = e.getClass().getSimpleName() + ": " + e.getMessage();
      return dev.shakedown.client.HttpOp.neverSent(e) ? Result.fail(why) : Result.info(why);
    }
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
