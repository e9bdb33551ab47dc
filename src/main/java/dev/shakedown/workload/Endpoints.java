package dev.shakedown.workload;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Where a client sends its next request: a base URI such as {@code http://172.19.0.3:31234}. */
public interface Endpoints {

  /** The base URI for the next request. */
  URI next();

  /** Re-reads the set of endpoints; called periodically by the client. Default: nothing to re-read. */
  default void refresh() {}

  /**
   * The Service {@code name} in the scope's namespace, port {@code port} (its {@code port}, not the target port): a
   * NodePort Service through every Ready node's node port, round-robin; any other through a fabric8 port-forward to a
   * pod behind it, re-established when that pod is replaced (closed with the scenario).
   *
   * @throws dev.shakedown.ShakedownException when the Service or the port does not exist, naming those there are
   */
  static Endpoints of(dev.shakedown.cluster.Scope scope, String name, int port) {
    var service = scope.client().services().inNamespace(scope.namespace()).withName(name).get();
    if (service != null && !"NodePort".equals(service.getSpec().getType())
        && service.getSpec().getPorts().stream().anyMatch(p -> p.getPort() != null && p.getPort() == port)) {
      return scope.register(new PortForwardEndpoints(scope.client(), scope.namespace(), name, port));
    }
    return NodePortEndpoints.of(scope.client(), scope.namespace(), name, port);
  }

  /** Round-robin over a fixed list (tests, port-forwards, external load balancers). */
  static Endpoints fixed(URI... uris) {
    List<URI> list = List.of(uris);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("at least one endpoint is required");
    }
    AtomicLong counter = new AtomicLong();
    return () -> list.get((int) Math.floorMod(counter.getAndIncrement(), (long) list.size()));
  }
}
