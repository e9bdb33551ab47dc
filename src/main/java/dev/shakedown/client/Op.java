package dev.shakedown.client;

import java.util.Objects;

/**
 * One operation to perform: a function ({@code write}, {@code read}, {@code get}, or a client's own), an optional
 * value, and the process that performs it.
 *
 * @param process the logical client (0 .. processes-1; the final read uses {@code processes})
 * @param function what to do
 * @param value what to write, or {@code null}
 */
public record Op(int process, String function, String value) {

  public static final String WRITE = "write";
  public static final String READ = "read";

  public Op {
    Objects.requireNonNull(function, "function");
  }

  public boolean isWrite() {
    return WRITE.equals(function);
  }

  public boolean isRead() {
    return READ.equals(function);
  }
}
