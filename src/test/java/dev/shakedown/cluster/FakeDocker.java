package dev.shakedown.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Docker client stand-in for unit tests, built from dynamic proxies: it knows a set of kind node containers
 * and their states, and supports list, inspect, start, stop, kill, pause and unpause.
 */
final class FakeDocker {

  /** Container name → state ({@code running}, {@code exited}, {@code paused}). */
  final Map<String, String> states = new LinkedHashMap<>();
  final Map<String, String> roles = new LinkedHashMap<>();
  final List<String> calls = new ArrayList<>();
  private final String cluster;

  FakeDocker(String cluster) {
    this.cluster = cluster;
  }

  FakeDocker node(String name, String role, String state) {
    states.put(name, state);
    roles.put(name, role);
    return this;
  }

  DockerClient client() {
    return (DockerClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DockerClient.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "listContainersCmd" -> command(method.getReturnType(), this::containers);
          case "inspectContainerCmd" -> command(method.getReturnType(), () -> inspect((String) args[0]));
          case "startContainerCmd" -> command(method.getReturnType(), () -> set("start", (String) args[0], "running"));
          case "stopContainerCmd" -> command(method.getReturnType(), () -> set("stop", (String) args[0], "exited"));
          case "killContainerCmd" -> command(method.getReturnType(), () -> set("kill", (String) args[0], "exited"));
          case "pauseContainerCmd" -> command(method.getReturnType(), () -> set("pause", (String) args[0], "paused"));
          case "unpauseContainerCmd" -> command(method.getReturnType(), () -> set("unpause", (String) args[0], "running"));
          default -> throw new UnsupportedOperationException("FakeDocker: " + method.getName());
        });
  }

  private synchronized Object set(String call, String name, String state) {
    calls.add(call + " " + name);
    states.put(name, state);
    return null;
  }

  /** A command proxy: builder methods return itself, exec() runs the action. */
  private static Object command(Class<?> type, java.util.function.Supplier<Object> action) {
    return Proxy.newProxyInstance(FakeDocker.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      if (method.getName().equals("exec")) {
        return action.get();
      }
      if (method.getReturnType().isInstance(proxy)) {
        return proxy;
      }
      if (method.getName().equals("close")) {
        return null;
      }
      throw new UnsupportedOperationException("FakeDocker command: " + method.getName());
    });
  }

  private synchronized List<Container> containers() {
    List<Container> containers = new ArrayList<>();
    states.forEach((name, state) -> {
      Container c = new Container();
      setField(c, "names", new String[] {"/" + name});
      setField(c, "state", state);
      setField(c, "labels", Map.of(Cluster.KIND_CLUSTER_LABEL, cluster, Cluster.KIND_ROLE_LABEL, roles.get(name)));
      containers.add(c);
    });
    return containers;
  }

  private synchronized InspectContainerResponse inspect(String name) {
    InspectContainerResponse response = new InspectContainerResponse();
    InspectContainerResponse.ContainerState state = response.new ContainerState();
    String s = states.get(name);
    setField(state, "running", "running".equals(s) || "paused".equals(s));
    setField(state, "paused", "paused".equals(s));
    setField(state, "status", s);
    setField(response, "state", state);
    return response;
  }

  private static void setField(Object target, String name, Object value) {
    try {
      Field field = target.getClass().getDeclaredField(name);
      field.setAccessible(true);
      field.set(target, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
