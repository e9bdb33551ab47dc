package dev.shakedown.scenario;

/**
 * A resource that is closed at test end under every cleanup mode, even when the namespace is kept for
 * debugging: e.g. a fault handle, whose healing must never depend on the cleanup mode. Other registered
 * resources (workloads, watches) are closed only when the cleanup mode says so.
 */
public interface AlwaysClose extends AutoCloseable {

  @Override
  void close();
}
