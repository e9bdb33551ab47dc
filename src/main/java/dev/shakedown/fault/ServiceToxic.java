package dev.shakedown.fault;

import dev.shakedown.ShakedownException;
import dev.shakedown.cluster.ServiceResidue;
import dev.shakedown.internal.Waits;
import dev.shakedown.workload.Images;
import dev.shakedown.workload.PodExec;
import dev.shakedown.workload.Readiness;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Toxiproxy in front of a Service: a proxy Deployment ({@code shakedown/toxiproxy}, built offline) listens on one
 * port per Service port and forwards to an upstream Service with the original selector; the Service itself is
 * re-pointed at the proxy (selector and target ports, the original kept in {@link ServiceResidue#ORIGINAL}), and the
 * toxic ({@code latency}, {@code timeout}, {@code reset_peer}, ...) is added with {@code toxiproxy-cli} through
 * exec. Injection returns once the Service's endpoints are the proxy's, and resets the workload's established
 * connections so kept-alive clients reconnect through the proxy (one reset each); healing removes the toxic, restores
 * the Service, waits until the endpoints are the workload's again and deletes the proxy. Clients keep the Service's name, ports and node ports.
 */
public final class ServiceToxic implements Fault {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServiceToxic.class);

  /** The proxy image, built by {@code kind-config/cluster up} from the Go module proxy. */
  public static final String IMAGE = "shakedown/toxiproxy:2.12.0";
  static final Set<String> TYPES = Set.of("latency", "bandwidth", "slow_close", "timeout", "reset_peer", "slicer",
      "limit_data");
  static final int API_PORT = 8474;
  static final int FIRST_LISTEN_PORT = 20000;

  private final String service;
  private final String type;
  private final Map<String, Long> attributes;
  private final String stream;
  private Duration within = Duration.ofMinutes(2);

  ServiceToxic(String service, String type, Map<String, Long> attributes, String stream) {
    this.service = Objects.requireNonNull(service, "service");
    if (!TYPES.contains(type)) {
      throw new TargetException("toxic type '" + type + "' is not one of " + new java.util.TreeSet<>(TYPES));
    }
    attributes.forEach((k, v) -> {
      if (!k.matches("[a-z_]+") || v == null || v < 0) {
        throw new TargetException("toxic " + type + " attribute " + k + "=" + v + ": expected a name in [a-z_] and a"
            + " value >= 0");
      }
    });
    this.type = type;
    this.attributes = Map.copyOf(attributes);
    this.stream = stream;
  }

  /** Added delay on every response, {@code latency} plus or minus {@code jitter}. */
  static ServiceToxic latency(String service, Duration latency, Duration jitter) {
    if (latency == null || latency.isNegative() || latency.isZero()) {
      throw new TargetException("latency must be positive, was " + latency);
    }
    if (jitter.isNegative()) {
      throw new TargetException("jitter must not be negative, was " + jitter);
    }
    Map<String, Long> a = new LinkedHashMap<>();
    a.put("latency", latency.toMillis());
    a.put("jitter", jitter.toMillis());
    return new ServiceToxic(service, "latency", a, "downstream");
  }

  /** The same toxic on the requests (client to service) instead of the responses. */
  public ServiceToxic upstream() {
    return new ServiceToxic(service, type, attributes, "upstream").recoverWithin(within);
  }

  /** Bound on the proxy becoming Ready, and on the endpoints switching at injection and at the heal (default 2 min). */
  public ServiceToxic recoverWithin(Duration atMost) {
    this.within = Objects.requireNonNull(atMost, "atMost");
    return this;
  }

  @Override
  public String name() {
    return "toxiproxy-" + type.replace('_', '-');
  }

  @Override
  public FaultHandle inject(FaultScope scope) {
    KubernetesClient client = scope.client();
    String ns = scope.namespace();
    Service svc = client.services().inNamespace(ns).withName(service).get();
    if (svc == null) {
      throw new TargetException("Service " + ns + "/" + service + " not found; Services there: " + client.services()
          .inNamespace(ns).list().getItems().stream().map(s -> s.getMetadata().getName()).toList());
    }
    if (svc.getSpec().getSelector() == null || svc.getSpec().getSelector().isEmpty()) {
      throw new TargetException("Service " + ns + "/" + service + " has no selector; " + name() + " re-points a"
          + " Service's selector at the proxy");
    }
    if (svc.getMetadata().getAnnotations() != null && svc.getMetadata().getAnnotations()
        .containsKey(ServiceResidue.ORIGINAL)) {
      throw new TargetException("Service " + ns + "/" + service + " is already behind a proxy (annotation "
          + ServiceResidue.ORIGINAL + ")");
    }
    String proxy = shortName(service, "-sd-toxiproxy");
    String upstream = shortName(service, "-sd-upstream");
    List<ServicePort> ports = svc.getSpec().getPorts();
    List<HasMetadata> objects = List.of(upstreamService(svc, upstream), deployment(proxy, ports.size()));
    Images.requireOnNodes(client, objects);
    try {
      objects.forEach(o -> client.resource(o).inNamespace(ns).create());
      Readiness.awaitDeployment(client, ns, proxy, within);
      Pod pod = client.pods().inNamespace(ns).withLabel(ServiceResidue.PROXY_FOR, service).list().getItems().stream()
          .filter(p -> p.getMetadata().getDeletionTimestamp() == null).findFirst()
          .orElseThrow(() -> new ShakedownException(name() + ": the proxy's pod is gone"));
      for (int i = 0; i < ports.size(); i++) {
        String listen = "0.0.0.0:" + (FIRST_LISTEN_PORT + i);
        String to = upstream + "." + ns + ".svc.cluster.local:" + ports.get(i).getPort();
        String p = "p" + ports.get(i).getPort();
        cli(client, pod, "create", "-l", listen, "-u", to, p);
        List<String> add = new ArrayList<>(List.of("toxic", "add", "-t", type, "-n", type, "--" + stream));
        attributes.forEach((k, v) -> add.addAll(List.of("-a", k + "=" + v)));
        add.add(p);
        cli(client, pod, add.toArray(String[]::new));
        String inspected = cli(client, pod, "inspect", p);
        if (!inspected.contains(type)) {
          throw new ShakedownException(name() + ": toxiproxy-cli inspect " + p + " does not list the toxic: " + inspected);
        }
        scope.timeline().mark("network", "toxic").subject("service/" + ns + "/" + service).detail(name() + ": "
            + listen + " -> " + to + " " + stream + " " + attributes).record();
      }
      String original = ServiceResidue.original(svc);
      client.services().inNamespace(ns).withName(service).edit(s -> {
        s.getMetadata().getAnnotations().put(ServiceResidue.ORIGINAL, original);
        s.getSpec().setSelector(Map.of(ServiceResidue.PROXY_FOR, service));
        for (int i = 0; i < s.getSpec().getPorts().size(); i++) {
          s.getSpec().getPorts().get(i).setTargetPort(new IntOrString(FIRST_LISTEN_PORT + i));
        }
        return s;
      });
      String proxyIp = pod.getStatus().getPodIP();
      awaitEndpoints(client, ns, "only the proxy " + proxyIp, ips -> ips.equals(List.of(proxyIp)));
      resetConnections(scope, svc.getSpec().getSelector(), ports);
      List<String> proxies = new ArrayList<>();
      ports.forEach(p -> proxies.add("p" + p.getPort()));
      return Handle.injected(scope, name(), "service/" + service + " " + stream + " " + attributes, List.of(
          "service/" + ns + "/" + service), () -> heal(client, ns, pod, proxies, proxyIp));
    } catch (RuntimeException e) {
      try {
        ServiceResidue.restore(client, ns, service);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /**
   * Removes the toxic first, so that a node whose kube-proxy still routes to the proxy gets clean answers, then
   * restores the Service and deletes the proxy (which keeps serving through its preStop pause while it terminates).
   */
  private void heal(KubernetesClient client, String ns, Pod pod, List<String> proxies, String proxyIp) {
    for (String p : proxies) {
      try {
        cli(client, pod, "toxic", "remove", "-n", type, p);
      } catch (ShakedownException e) {
        LOG.warn("{}: removing the toxic from proxy {} failed ({}); restoring the Service anyway", name(), p,
            e.getMessage());
      }
    }
    ServiceResidue.restoreSpec(client, ns, service);
    awaitEndpoints(client, ns, "the workload's pods again (not the proxy " + proxyIp + ")",
        ips -> !ips.isEmpty() && !ips.contains(proxyIp));
    ServiceResidue.deleteProxy(client, ns, service, within);
  }

  /**
   * Resets the workload's established connections on the Service's target ports ({@code ss -K} in each pod's
   * network namespace): a client's kept-alive connection would otherwise go on reaching the pod directly, past the
   * proxy. Each client sees one reset and reconnects, through the Service, to the proxy.
   */
  private void resetConnections(FaultScope scope, Map<String, String> selector, List<ServicePort> ports) {
    for (Pod pod : scope.client().pods().inNamespace(scope.namespace()).withLabels(selector).list().getItems()) {
      if (!"Running".equals(pod.getStatus().getPhase()) || pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      NetNamespace netns = NetNamespace.ofPod(scope, name(), pod);
      for (ServicePort port : ports) {
        Integer number = targetPort(pod, port);
        if (number != null) {
          netns.run("ss -K -tn state established '( sport = :" + number + " )' >/dev/null");
        }
      }
      scope.timeline().mark("network", "connections-reset").subject(netns.label())
          .detail(name() + ": established connections on the Service's target ports").record();
    }
  }

  private static Integer targetPort(Pod pod, ServicePort port) {
    IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
    if (target.getIntVal() != null) {
      return target.getIntVal();
    }
    return pod.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
        .filter(p -> target.getStrVal().equals(p.getName())).map(io.fabric8.kubernetes.api.model.ContainerPort::getContainerPort)
        .findFirst().orElse(null);
  }

  private void awaitEndpoints(KubernetesClient client, String ns, String what,
      java.util.function.Predicate<List<String>> done) {
    Waits.until("endpoints of Service " + ns + "/" + service + ": " + what, within, Waits.POLL, () ->
        client.discovery().v1().endpointSlices().inNamespace(ns).withLabel("kubernetes.io/service-name", service)
            .list().getItems().stream().flatMap(s -> s.getEndpoints().stream())
            .filter(e -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady()))
            .map(Endpoint::getAddresses).flatMap(List::stream).sorted().distinct().toList(), done);
  }

  private Service upstreamService(Service svc, String name) {
    List<ServicePort> ports = svc.getSpec().getPorts().stream().map(p -> new ServicePortBuilder().withName(p.getName())
        .withPort(p.getPort()).withProtocol(p.getProtocol()).withTargetPort(p.getTargetPort()).build()).toList();
    return new ServiceBuilder().withNewMetadata().withName(name).addToLabels(ServiceResidue.PROXY_FOR, service)
        .endMetadata().withNewSpec().withSelector(svc.getSpec().getSelector()).withPorts(ports).endSpec().build();
  }

  private Deployment deployment(String name, int ports) {
    var container = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("toxiproxy").withImage(IMAGE)
        .withImagePullPolicy("IfNotPresent").withArgs("-host", "0.0.0.0", "-port", String.valueOf(API_PORT))
        .addNewPort().withName("api").withContainerPort(API_PORT).endPort()
        .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString(API_PORT)).endTcpSocket()
        .withPeriodSeconds(1).endReadinessProbe()
        // keeps serving (clean, the toxic removed) while kube-proxy on every node drops it from the Service
        .withNewLifecycle().withNewPreStop().withNewExec().withCommand("sleep", "3").endExec().endPreStop()
        .endLifecycle();
    for (int i = 0; i < ports; i++) {
      container.addNewPort().withContainerPort(FIRST_LISTEN_PORT + i).endPort();
    }
    return new DeploymentBuilder().withNewMetadata().withName(name).addToLabels(ServiceResidue.PROXY_FOR, service)
        .endMetadata().withNewSpec().withReplicas(1).withNewSelector()
        .addToMatchLabels(ServiceResidue.PROXY_FOR, service).endSelector().withNewTemplate().withNewMetadata()
        .addToLabels(ServiceResidue.PROXY_FOR, service).endMetadata().withNewSpec().withContainers(container.build())
        .endSpec().endTemplate().endSpec().build();
  }

  /** Runs {@code toxiproxy-cli} in the proxy's pod ({@link PodExec}); returns its output, or fails with stderr. */
  private String cli(KubernetesClient client, Pod pod, String... args) {
    List<String> command = new ArrayList<>(List.of("toxiproxy-cli"));
    command.addAll(List.of(args));
    return PodExec.run(client, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), "toxiproxy",
        Duration.ofSeconds(30), command.toArray(String[]::new));
  }

  private static String shortName(String base, String suffix) {
    String b = base.length() + suffix.length() > 63 ? base.substring(0, 63 - suffix.length()) : base;
    return b + suffix;
  }
}
