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
      contexts:
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

  @BeforeAll
  static void kubeconfig() throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    notKubernetes = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    notKubernetes.createContext("/", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    notKubernetes.start();
    String kubeconfig = KUBECONFIG.formatted(silent.getLocalPort(), notKubernetes.getAddress().getPort());
    Path file = Files.writeString(dir.resolve("kubeconfig"), kubeconfig);
    previous = System.setProperty("kubeconfig", file.toString());
  }

  @AfterAll
  static void restore() throws IOException {
    silent.close();
    notKubernetes.stop(0);
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
  void anUnknownContextNamesTheOnesThatExist() {
    assertThatThrownBy(() -> new KubeconfigClusterProvider().connect(explicit("kind-nope")))
        .isInstanceOf(ClusterUnavailableException.class)
        .hasMessageContaining("kubeconfig context 'kind-nope' does not exist")
        .hasMessageContaining("contexts: kind-dead, kind-not-kubernetes, kind-silent, prod");
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

  private static Path script(String name, String body) throws IOException {
    Path kindConfig = Files.createDirectories(dir.resolve(name));
    Files.writeString(kindConfig.resolve("cluster"), "#!/usr/bin/env bash\n[ \"$1\" = up ] || exit 9\n" + body + "\n");
    return kindConfig;
  }
}
