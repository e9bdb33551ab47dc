package dev.shakedown.fault;

import dev.shakedown.cluster.Cluster;
import dev.shakedown.history.Timeline;
import dev.shakedown.web.HttpService;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.Random;

/**
 * A run that dies mid-fault, for {@link CrashResidueIT}: in a forked JVM it partitions the pods of {@code a} from
 * those of {@code b}, puts a Toxiproxy (800 ms) in front of Service {@code b}, prints {@code INJECTED} and waits to
 * be killed with SIGKILL, so nothing heals.
 */
public final class FaultThenHang {

  private FaultThenHang() {}

  /** Arguments: kubeconfig context, namespace. */
  public static void main(String[] args) throws InterruptedException {
    String context = args[0];
    String namespace = args[1];
    KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.autoConfigure(context)).build();
    Cluster cluster = Cluster.of(client, context, "shakedown");
    FaultScope scope = new FaultScope(client, namespace, new Timeline(), new Random(1), cluster);
    HttpService a = HttpService.of(client, namespace, "a");
    HttpService b = HttpService.of(client, namespace, "b");
    Faults.partition(Targets.pods(a).one()).from(Targets.pods(b).one()).inject(scope);
    Faults.latency("b", Duration.ofMillis(800)).inject(scope);
    System.out.println("INJECTED");
    System.out.flush();
    Thread.sleep(Duration.ofMinutes(10).toMillis());
  }
}
