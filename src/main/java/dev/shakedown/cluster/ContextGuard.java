package dev.shakedown.cluster;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Refuses to let Shakedown act on a cluster whose kubeconfig context is not allow-listed. The default list is
 * {@value #DEFAULT_GLOB}, and a context allowed only by it must also be a kind cluster on this machine: its API
 * server is published by a control-plane node container of that kind cluster ({@link #checkServer}), so a context
 * merely named {@code kind-prod} that points at a remote server is refused. More globs ({@code *} any run of
 * characters, {@code ?} one character) come from {@value #PROPERTY} or {@value #ENV}, comma-separated: they are the
 * explicit opt-in, for any cluster. The refusal says how to allow a context.
 */
public final class ContextGuard {

  /** The glob every guard allows: kind clusters on this machine. */
  public static final String DEFAULT_GLOB = "kind-*";
  /** System property (or JUnit configuration parameter) that extends the allow-list. */
  public static final String PROPERTY = "shakedown.allowedContexts";
  /** Environment variable that extends the allow-list. */
  public static final String ENV = "SHAKEDOWN_ALLOWED_CONTEXTS";

  private final List<String> globs;
  private final List<Pattern> patterns;

  private ContextGuard(List<String> globs) {
    this.globs = List.copyOf(globs);
    this.patterns = this.globs.stream().map(ContextGuard::toRegex).toList();
  }

  /** A guard allowing {@value #DEFAULT_GLOB} plus the given comma-separated globs (may be null or blank). */
  public static ContextGuard allowing(String extraGlobs) {
    List<String> globs = new ArrayList<>();
    globs.add(DEFAULT_GLOB);
    if (extraGlobs != null) {
      Arrays.stream(extraGlobs.split(",")).map(String::strip).filter(g -> !g.isEmpty())
          .filter(g -> !globs.contains(g)).forEach(globs::add);
    }
    return new ContextGuard(globs);
  }

  /** The allow-listed globs, the default first. */
  public List<String> globs() {
    return globs;
  }

  public boolean allows(String context) {
    return context != null && patterns.stream().anyMatch(p -> p.matcher(context).matches());
  }

  /** Whether an extra (explicitly configured) glob allows the context, so no server check applies. */
  public boolean explicitlyAllows(String context) {
    return context != null && patterns.stream().skip(1).anyMatch(p -> p.matcher(context).matches());
  }

  /**
   * Checks the context's API server: unless an explicit glob allows the context, {@code localKindNode} must name the
   * kind node container that serves {@code server} for kind cluster {@code <name>} of context {@code kind-<name>}.
   *
   * @param localKindNode (kind cluster name, server) → the node container publishing that server, or empty, or a
   *     problem thrown as a RuntimeException (Docker not answering) which becomes part of the refusal
   * @throws ContextRefusedException naming the context, its server and how to allow it explicitly
   */
  public void checkServer(String context, URI server, BiFunction<String, URI, Optional<String>> localKindNode) {
    check(context);
    if (explicitlyAllows(context)) {
      return;
    }
    String why;
    try {
      String kindName = ClusterSettings.kindName(context);
      if (localKindNode.apply(kindName, server).isPresent()) {
        return;
      }
      why = "no control-plane node container of kind cluster '" + kindName + "' on this machine publishes that address";
    } catch (RuntimeException e) {
      why = "cannot look for the kind node containers: " + e.getMessage();
    }
    throw new ContextRefusedException(context, "Refusing to act on kubeconfig context '" + context + "': it matches "
        + DEFAULT_GLOB + " but its API server " + server + " is not a kind cluster on this machine (" + why + "). "
        + "Shakedown injects faults; if this cluster is disposable, allow it explicitly with -D" + PROPERTY + "="
        + context + " or " + ENV + "=" + context + ".");
  }

  /**
   * Returns normally when the context is allowed.
   *
   * @throws ContextRefusedException naming the context, the allow-list and how to extend it
   */
  public void check(String context) {
    if (!allows(context)) {
      throw new ContextRefusedException(context, "Refusing to act on kubeconfig context '" + context
          + "': it is not allow-listed (allowed: " + String.join(", ", globs) + "). Shakedown injects faults; "
          + "if this cluster is disposable, allow it with -D" + PROPERTY + "=" + Objects.toString(context, "<context>")
          + " or " + ENV + "=" + Objects.toString(context, "<context>") + " (comma-separated globs, * and ? wildcards).");
    }
  }

  static Pattern toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
