package dev.shakedown.cluster;

import dev.shakedown.ShakedownException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where the cluster tooling ({@code kind-config/cluster} and its pieces) is: the configured directory when it holds
 * the script (a checkout of Shakedown), else the copy that travels in Shakedown's jar
 * ({@value #BUNDLED}), unpacked once per content into {@code ${SHAKEDOWN_CACHE:-~/.cache/shakedown}/kind-config/<hash>}.
 * So a project that only depends on Shakedown can still create and repair the cluster.
 */
public final class KindConfig {

  static final String BUNDLED = "META-INF/shakedown/kind-config/";

  private KindConfig() {}

  /**
   * The directory holding the {@code cluster} script.
   *
   * @throws ShakedownException when neither {@code configured} nor the jar holds it
   */
  public static Path locate(Path configured) {
    return locate(configured, cache());
  }

  static Path locate(Path configured, Path cache) {
    if (Files.isRegularFile(configured.resolve("cluster"))) {
      return configured.toAbsolutePath().normalize();
    }
    Map<String, byte[]> files = bundled();
    if (!files.containsKey("cluster")) {
      throw new ShakedownException("no cluster tooling: " + configured.toAbsolutePath() + " has no 'cluster' script and"
          + " Shakedown's jar carries none under " + BUNDLED + "; set -D" + ClusterSettings.KIND_CONFIG
          + "=<Shakedown's kind-config directory>");
    }
    Path target = cache.resolve("kind-config").resolve(hash(files));
    if (Files.isRegularFile(target.resolve("cluster"))) {
      return target;
    }
    try {
      Files.createDirectories(target.getParent());
      Path work = Files.createTempDirectory(target.getParent(), "unpack-");
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path path = work.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.write(path, file.getValue());
        if (file.getValue().length > 1 && file.getValue()[0] == '#' && file.getValue()[1] == '!') {
          path.toFile().setExecutable(true, false); // scripts copied into node images keep their mode
        }
      }
      try {
        Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        if (!Files.isRegularFile(target.resolve("cluster"))) {
          throw raced;
        }
      }
      System.out.println("[shakedown] cluster tooling unpacked from Shakedown's jar into " + target);
      return target;
    } catch (IOException e) {
      throw new ShakedownException("cannot unpack the cluster tooling into " + target + ": " + e.getMessage(), e);
    }
  }

  /** The build cache: {@code SHAKEDOWN_CACHE}, else {@code ~/.cache/shakedown}. */
  public static Path cache() {
    String env = System.getenv("SHAKEDOWN_CACHE");
    return env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "shakedown");
  }

  /** Relative path → content of every bundled file, from the jar or (in a build) the classes directory. */
  static Map<String, byte[]> bundled() {
    Map<String, byte[]> files = new TreeMap<>();
    try {
      Path location = Path.of(KindConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(location)) {
        Path root = location.resolve(BUNDLED);
        if (Files.isDirectory(root)) {
          try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
              files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
          }
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          for (JarEntry entry : java.util.Collections.list(jar.entries())) {
            if (!entry.isDirectory() && entry.getName().startsWith(BUNDLED)) {
              try (InputStream in = jar.getInputStream(entry)) {
                files.put(entry.getName().substring(BUNDLED.length()), in.readAllBytes());
              }
            }
          }
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      throw new ShakedownException("cannot read the cluster tooling bundled in Shakedown's jar: " + e.getMessage(), e);
    }
    return files;
  }

  private static String hash(Map<String, byte[]> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      files.forEach((name, content) -> {
        sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update(content);
      });
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
