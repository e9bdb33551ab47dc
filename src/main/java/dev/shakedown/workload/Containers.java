package dev.shakedown.workload;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;

/** The workload image's container: port 8080, readiness and liveness on {@code /healthz}, small requests. */
public final class Containers {

  public static final int PORT = 8080;

  private Containers() {}

  public static Container workload(String image, List<EnvVar> env) {
    return new ContainerBuilder()
        .withName("workload")
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .addNewPort().withName("http").withContainerPort(PORT).endPort()
        .withEnv(env)
        .withReadinessProbe(healthz(1, 1, 2))
        .withLivenessProbe(healthz(5, 5, 3))
        .withNewResources()
          .addToRequests("cpu", new Quantity("10m"))
          .addToRequests("memory", new Quantity("16Mi"))
          .addToLimits("memory", new Quantity("64Mi"))
        .endResources()
        .build();
  }

  private static Probe healthz(int initialDelay, int period, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath("/healthz").withPort(new IntOrString("http")).endHttpGet()
        .withInitialDelaySeconds(initialDelay)
        .withPeriodSeconds(period)
        .withTimeoutSeconds(1)
        .withFailureThreshold(failureThreshold)
        .build();
  }
}
