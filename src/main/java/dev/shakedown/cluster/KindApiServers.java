package dev.shakedown.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ContainerPort;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** Which kind control-plane node container on this machine serves a kubeconfig's API server address. */
public final class KindApiServers {

  /** The API server's port inside a kind control-plane node. */
  static final int API_PORT = 6443;

  private KindApiServers() {}

  /**
   * The control-plane container of kind cluster {@code kindName} that serves {@code server}: on loopback, the one
   * publishing {@value #API_PORT} on the server's port; on the {@code kind} network, the one with the server's IP.
   */
  public static Optional<String> nodeServing(DockerClient docker, String kindName, URI server) {
    String host = server.getHost();
    int port = server.getPort() == -1 ? 443 : server.getPort();
    boolean loopback = host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
        || host.equals("::1"));
    for (Container c : docker.listContainersCmd()
        .withLabelFilter(Map.of(Cluster.KIND_CLUSTER_LABEL, kindName, Cluster.KIND_ROLE_LABEL, "control-plane")).exec()) {
      boolean serves = loopback
          ? Arrays.stream(c.getPorts()).anyMatch(p -> isApiPort(p) && Integer.valueOf(port).equals(p.getPublicPort()))
          : port == API_PORT && onKindNetwork(c, host);
      if (serves) {
        return Optional.of(Cluster.containerName(c));
      }
    }
    return Optional.empty();
  }

  private static boolean isApiPort(ContainerPort p) {
    return Integer.valueOf(API_PORT).equals(p.getPrivatePort());
  }

  private static boolean onKindNetwork(Container c, String host) {
    if (c.getNetworkSettings() == null) {
      return false;
    }
    ContainerNetwork kind = c.getNetworkSettings().getNetworks().get("kind");
    return kind != null && host.equals(kind.getIpAddress());
  }
}
