package dev.shakedown.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Refuses to let Shakedown act on a cluster whose kubeconfig context is not allow-listed. The default list is
 * {@value #DEFAULT_GLOB}; more globs ({@code *} any run of characters, {@code ?} one character) come from
 * {@value #PROPERTY} or {@value #ENV}, comma-separated. The refusal says how to allow a context.
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
