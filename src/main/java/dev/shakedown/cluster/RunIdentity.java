package dev.shakedown.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Who is running: a run id ({@code yyyyMMdd-HHmmss-xxxx}, usable as a label value) and the owning process
 * ({@code host/pid/startMillis}), so a later run can tell whether the process that made something still lives.
 */
public record RunIdentity(String runId, String host, long pid, long startMillis) {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  /** A fresh identity for this JVM process. */
  public static RunIdentity create() {
    ProcessHandle self = ProcessHandle.current();
    long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    return new RunIdentity(STAMP.format(Instant.now()) + "-" + randomSuffix(4), localHost(), self.pid(), start);
  }

  /** {@code host/pid/startMillis}. */
  public String owner() {
    return host + "/" + pid + "/" + startMillis;
  }

  /**
   * Whether the process named by an {@link #owner()} string is alive: present only when it ran on this host
   * (a process on another host cannot be checked from here).
   */
  public Optional<Boolean> ownerAlive(String owner) {
    if (owner == null) {
      return Optional.empty();
    }
    String[] parts = owner.split("/");
    if (parts.length != 3 || !parts[0].equals(host)) {
      return Optional.empty();
    }
    try {
      long ownerPid = Long.parseLong(parts[1]);
      long ownerStart = Long.parseLong(parts[2]);
      return Optional.of(ProcessHandle.of(ownerPid).filter(ProcessHandle::isAlive)
          .map(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(0L))
          .map(start -> ownerStart == 0 || start == 0 || Math.abs(start - ownerStart) < 1000)
          .orElse(false));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static String randomSuffix(int length) {
    SecureRandom random = new SecureRandom();
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  private static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
    }
  }
}
