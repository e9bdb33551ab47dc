package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives a clear, bounded error: refused context, unknown context, unreachable cluster, failing cluster up. */
class KubeconfigClusterProviderTest {

  private static final String KUBECONFIG = """
      apiVersion: v1
      kind: Config
      clusters:
      - name: dead
        cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}
      - name: silent
        cluster: {server: "https://127.0.0.1:%d", insecure-skip-tls-verify: true}
      - name: not-kubernetes
        cluster: {server: "http://127.0.0.1:%d", insecure-skip-tls-verify: true}
      - name: answers
        cluster: {server: "http://127.0.0.1:%d"}
      contexts:
      - name: kind-prod
        context: {cluster: answers, user: u}
      - name: kind-dead
        context: {cluster: dead, user: u}
      - name: kind-silent
        context: {cluster: silent, user: u}
      - name: kind-not-kubernetes
        context: {cluster: not-kubernetes, user: u}
      - name: prod
        context: {cluster: dead, user: u}
      users:
      - name: u
        user: {token: not-a-token}
      current-context: kind-dead
      """;

  @TempDir
  static Path dir;
  private static String previous;
  /** Accepts connections (kernel backlog) but never answers: a hung API server. */
  private static ServerSocket silent;
  /** Answers every request with 404, like a proxy or a web server that is not Kubernetes. */
  private static HttpServer notKubernetes;
  /** Answers GET /version like a Kubernetes API server, on loopback, published by no kind node container. */
  private static HttpServer kubernetes;

  @BeforeAll
  static void kubeconfig() throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    notKubernetes = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    notKubernetes.createContext("/", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    notKubernetes.start();
    kubernetes = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    kubernetes.createContext("/version", exchange -> {
      byte[] body = "{\"major\":\"1\",\"minor\":\"34\",\"gitVersion\":\"v1.34.4\"}".getBytes();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    kubernetes.start();
    String kubeconfig = KUBECONFIG.formatted(silent.getLocalPort(), notKubernetes.getAddress().getPort(),
        kubernetes.getAddress().getPort());
    Path file = Files.writeString(dir.resolve("kubeconfig"), kubeconfig);
    previous = System.setProperty("kubeconfig", file.toString());
  }

  @AfterAll
  static void restore() throws IOException {
    silent.close();
    notKubernetes.stop(0);
    kubernetes.stop(0);
    if (previous == null) {
      System.clearProperty("kubeconfig");
    } else {
      System.setProperty("kubeconfig", previous);
    }
  }

  private static ClusterSettings explicit(String context) {
    return new ClusterSettings(Optional.of(context), "", dir, Duration.ofSeconds(3), Duration.ofSeconds(5));
  }

  private static ClusterSettings embedded(Path kindConfig, Duration upTimeout) {
    return new ClusterSettings(Optional.empty(), "", kindConfig, Duration.ofSeconds(3), upTimeout);
  }

  @Test
  void aContextNotAllowListedIsRefusedBeforeAnyConnection() {
    assertThatThrownBy(() -> new KubeconfigClusterProvider().connect(explicit("prod")))
        .isInstanceOf(ContextRefusedException.class).hasMessageContaining("-Dshakedown.allowedContexts=prod");
  }

  @Test
  void aKindNamedContextWhoseServerNoLocalKindNodePublishesIsRefused() {
    KubeconfigClusterProvider noLocalNode = new KubeconfigClusterProvider((kind, server) -> Optional.empty());

    assertThatThrownBy(() -> noLocalNode.connect(explicit("kind-prod")))
        .isInstanceOf(ContextRefusedException.class)
        .hasMessageContaining("'kind-prod': it matches kind-* but its API server http://127.0.0.1:"
            + kubernetes.getAddress().getPort())
        .hasMessageContaining("no control-plane node container of kind cluster 'prod'")
        .hasMessageContaining("-Dshakedown.allowedContexts=kind-prod");
  }

  @Test
  void aKindNodeServingTheAddressOrAnExplicitAllowPassesTheGuard() {
    String url = "http://127.0.0.1:" + kubernetes.getAddress().getPort();
    KubeconfigClusterProvider local = new KubeconfigClusterProvider(
        (kind, server) -> kind.equals("prod") && server.toString().startsWith(url) ? Optional.of("prod-control-plane")
            : Optional.empty());
    try (Cluster cluster = local.connect(explicit("kind-prod"))) {
      assertThat(cluster.name()).isEqualTo("prod");
    }

    KubeconfigClusterProvider noLocalNode = new KubeconfigClusterProvider((kind, server) -> Optional.empty());
    ClusterSettings allowed = new ClusterSettings(Optional.of("kind-prod"), "kind-prod", dir, Duration.ofSeconds(3),
        Duration.ofSeconds(5));
    try (Cluster cluster = noLocalNode.connect(allowed)) {
      assertThat(cluster.context()).isEqualTo("kind-prod");
    }
  }

  @Test
  void dockerNotAnsweringIsPartOfTheRefusal() {
    KubeconfigClusterProvider noDocker = new KubeconfigClusterProvider((kind, server) -> {
      throw new IllegalStateException("Docker: no engine answers at unix:///var/run/docker.sock");
    });

    assertThatThrownBy(() -> noDocker.connect(explicit("kind-prod")))
        .isInstanceOf(ContextRefusedException.class)
        .hasMessageContaining("cannot look for the kind node containers: Docker: no engine answers");
  }

  @Test
  void anUnknownContextNamesTheOnesThatExist() {
    assertThatThrownBy(() -> new KubeconfigClusterProvider().connect(explicit("kind-nope")))
        .isInstanceOf(ClusterUnavailableException.class)
        .hasMessageContaining("kubeconfig context 'kind-nope' does not exist")
        .hasMessageContaining("contexts: kind-dead, kind-not-kubernetes, kind-prod, kind-silent, prod");
  }

  @Test
  void anUnreachableClusterFailsWithinTheBound() {
    for (String context : new String[] {"kind-dead", "kind-silent", "kind-not-kubernetes"}) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> new KubeconfigClusterProvider().connect(explicit(context)))
          .isInstanceOf(ClusterUnavailableException.class)
          .hasMessageContaining("cluster of kubeconfig context '" + context + "'")
          .hasMessageContaining("is unreachable");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }
  }

  @Test
  void embeddedClusterWithoutScriptSaysWhereItLooked() {
    assertThatThrownBy(() -> new KubeconfigClusterProvider().connect(embedded(dir.resolve("missing"), Duration.ofSeconds(5))))
        .isInstanceOf(ClusterUnavailableException.class)
        .hasMessageContaining("no script " + dir.resolve("missing").resolve("cluster"))
        .hasMessageContaining("-Dshakedown.kindConfig");
  }

  @Test
  void aFailingClusterUpReportsItsExitCodeAndOutput() throws IOException {
    Path kindConfig = script("failing", "echo building node image; echo boom >&2; exit 3");
    assertThatThrownBy(() -> new KubeconfigClusterProvider().connect(embedded(kindConfig, Duration.ofSeconds(20))))
        .isInstanceOf(ClusterUnavailableException.class)
        .hasMessageContaining("exited with 3").hasMessageContaining("building node image").hasMessageContaining("boom");
  }

  @Test
  void aHangingClusterUpIsStoppedAtItsBound() throws IOException {
    Path kindConfig = script("hanging", "echo waiting; sleep 60");
    long start = System.nanoTime();
    assertThatThrownBy(() -> new KubeconfigClusterProvider().connect(embedded(kindConfig, Duration.ofSeconds(2))))
        .isInstanceOf(ClusterUnavailableException.class)
        .hasMessageContaining("did not finish within PT2S").hasMessageContaining("shakedown.clusterUpTimeout");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }


  @Test
  void theHarnessClientRetriesAFailingRequestThreeTimesThenThrows() throws IOException {
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    HttpServer unavailable = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    unavailable.createContext("/", exchange -> {
      asked.incrementAndGet();
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    unavailable.start();
    try (var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
        new io.fabric8.kubernetes.client.ConfigBuilder(KubeconfigClusterProvider.config("kind-dead", Duration.ofSeconds(3), true))
            .withMasterUrl("http://127.0.0.1:" + unavailable.getAddress().getPort()).build()).build()) {
      assertThatThrownBy(() -> client.pods().inNamespace("default").list())
          .isInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class);
      assertThat(asked.get()).as("requests: the first and its retries").isEqualTo(1 + KubeconfigClusterProvider.RETRIES);
    } finally {
      unavailable.stop(0);
    }
  }
  private static Path script(String name, String body) throws IOException {
    Path kindConfig = Files.createDirectories(dir.resolve(name));
    Files.writeString(kindConfig.resolve("cluster"), "#!/usr/bin/env bash\n[ \"$1\" = up ] || exit 9\n" + body + "\n");
    return kindConfig;
  }
}
