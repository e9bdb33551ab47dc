package dev.shakedown.scenario;

import dev.shakedown.ShakedownException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Thread-safe last-in, first-out stack of resources. {@link #close()} closes every resource in reverse order
 * of registration, even when some fail, and then reports all failures together. Closing twice is harmless.
 */
public final class ResourceStack implements AutoCloseable {

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /** Registers a resource and returns it. */
  public synchronized <T extends AutoCloseable> T push(T resource) {
    resources.push(Objects.requireNonNull(resource, "resource"));
    return resource;
  }

  public synchronized int size() {
    return resources.size();
  }

  /**
   * Closes all resources, newest first.
   *
   * @throws ShakedownException listing every resource that failed to close (first failure as cause, others suppressed)
   */
  @Override
  public void close() {
    closeMatching(r -> true);
  }

  /**
   * Closes the resources that match, newest first, and keeps the others registered (they are not closed).
   *
   * @throws ShakedownException as {@link #close()}
   */
  public void closeMatching(Predicate<? super AutoCloseable> filter) {
    List<Exception> failures = new ArrayList<>();
    List<String> names = new ArrayList<>();
    AutoCloseable next;
    while ((next = pop(filter)) != null) {
      try {
        next.close();
      } catch (Exception e) {
        failures.add(e);
        names.add(next + ": " + e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      ShakedownException error = new ShakedownException(
          "cleanup: " + failures.size() + " resource(s) failed to close: " + String.join("; ", names), failures.get(0));
      failures.stream().skip(1).forEach(error::addSuppressed);
      throw error;
    }
  }

  private synchronized AutoCloseable pop(Predicate<? super AutoCloseable> filter) {
    for (Iterator<AutoCloseable> it = resources.iterator(); it.hasNext(); ) {
      AutoCloseable next = it.next();
      if (filter.test(next)) {
        it.remove();
        return next;
      }
    }
    return null;
  }
}
