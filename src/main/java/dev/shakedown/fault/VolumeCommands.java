package dev.shakedown.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The shell commands the volume faults run inside a kind node container, and the parsing of their output.
 * Pure functions: every path is validated and single-quoted, so tests can check exactly what would run.
 */
final class VolumeCommands {

  private VolumeCommands() {}

  /**
   * Checks a path relative to a volume (a file or a glob): not empty, not absolute, no {@code .} or {@code ..}
   * segment, no control characters; returns it without leading {@code ./}.
   *
   * @throws TargetException naming the offending path
   */
  static String relative(String path, String what) {
    if (path == null || path.isBlank()) {
      throw new TargetException(what + " must be a non-empty path relative to the volume, was '" + path + "'");
    }
    String p = path.startsWith("./") ? path.substring(2) : path;
    if (p.startsWith("/")) {
      throw new TargetException(what + " '" + path + "' must be relative to the volume, not absolute");
    }
    for (String segment : p.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new TargetException(what + " '" + path + "' has an empty, '.' or '..' segment; expected a plain"
            + " path inside the volume such as pgdata/base/5/16385");
      }
    }
    if (p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new TargetException(what + " '" + path.replaceAll("\\p{Cntrl}", "?") + "' contains control characters");
    }
    return p;
  }

  /** {@code 'text'} with embedded single quotes escaped, safe for {@code sh -c}. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  static String[] sh(String script) {
    return new String[] {"sh", "-c", script};
  }

  /** Prints {@code file <size>}, {@code dir}, {@code other} or {@code missing}. */
  static String[] probe(String absolute) {
    String p = quote(absolute);
    return sh("if [ -f " + p + " ]; then echo file $(stat -c %s " + p + "); elif [ -d " + p + " ]; then echo dir; "
        + "elif [ -e " + p + " ]; then echo other; else echo missing; fi");
  }

  /** One line per offset: the unsigned value of the byte there. */
  static String[] readBytes(String absolute, List<Long> offsets) {
    StringJoiner list = new StringJoiner(" ");
    offsets.forEach(o -> list.add(Long.toString(o)));
    return sh("for o in " + list + "; do od -An -tu1 -v -j \"$o\" -N 1 " + quote(absolute) + "; done");
  }

  /** Parses {@link #readBytes} output: exactly {@code count} values in 0..255. */
  static int[] parseBytes(String output, int count) {
    List<Integer> values = new ArrayList<>();
    for (String token : output.trim().split("\\s+")) {
      if (!token.isEmpty()) {
        values.add(Integer.parseInt(token));
      }
    }
    if (values.size() != count || values.stream().anyMatch(v -> v < 0 || v > 255)) {
      throw new IllegalArgumentException("expected " + count + " byte values from od, got: '" + output.strip() + "'");
    }
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Writes each byte in place ({@code dd conv=notrunc,fsync}), offsets ascending. */
  static String[] writeBytes(String absolute, Map<Long, Integer> bytes) {
    StringJoiner script = new StringJoiner(" && ");
    bytes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> script.add(
        "printf '\\" + String.format("%03o", e.getValue() & 0xff) + "' | dd of=" + quote(absolute) + " bs=1 seek="
            + e.getKey() + " count=1 conv=notrunc,fsync status=none"));
    return sh(script.toString());
  }

  static String[] truncate(String absolute, long size) {
    return new String[] {"truncate", "-s", Long.toString(size), "--", absolute};
  }

  static String[] delete(String absolute) {
    return new String[] {"rm", "-f", "--", absolute};
  }

  /** Regular files under {@code root} whose path relative to it matches {@code glob} ({@code find -path}). */
  static String[] find(String root, String glob) {
    return new String[] {"find", root, "-type", "f", "-path", root + "/" + glob};
  }

  /** Every entry under {@code root}, one per line (the root itself excluded). */
  static String[] list(String root) {
    return new String[] {"find", root, "-mindepth", "1"};
  }

  /** Deletes everything under {@code root}, keeping the root directory. */
  static String[] wipe(String root) {
    return new String[] {"find", root, "-mindepth", "1", "-delete"};
  }

  /** Non-empty output lines, sorted. */
  static List<String> lines(String output) {
    return output.lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
  }
}
