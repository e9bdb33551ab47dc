package dev.shakedown.client;

/**
 * One system's client, on Jepsen's protocol: {@link #open()}, then {@link #invoke(Op)} for one operation at a time
 * per process, then {@link #close()}. A client has no threads of its own; {@link Load} schedules it, records every
 * invoke and completion in a {@code History}, and bounds every call.
 *
 * <p>How an operation completes:
 * <ul>
 *   <li>return {@link Result#ok} when it certainly happened;
 *   <li>return {@link Result#fail} only when it certainly did not (connection refused, a constraint violation);
 *   <li>throw (or return {@link Result#info}) when the outcome is unknown: a timeout, a reset connection. A thrown
 *       exception is always recorded as {@code info}.
 * </ul>
 * A client's own calls should be bounded by its timeout; one that hangs beyond {@link Load#timeout} is recorded as
 * info and its process slot is freed.
 */
public interface Client extends AutoCloseable {

  /** Connects; called once, before the first {@link #invoke}. Throwing here fails the load's start. */
  default void open() throws Exception {}

  /**
   * Performs {@code op} (function {@code write}, {@code read}, or the client's own) and returns how it completed.
   * Called concurrently for different processes, never twice at once for the same one.
   */
  Result invoke(Op op) throws Exception;

  /** Releases connections; harmless when nothing was opened. */
  @Override
  default void close() throws Exception {}
}
