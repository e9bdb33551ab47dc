package dev.shakedown.cluster;

import dev.shakedown.WaitTimeoutException;
import dev.shakedown.internal.Waits;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A host-wide lock ({@code <tmpdir>/shakedown-cluster-up.lock}) so that test JVMs started together do not run
 * {@code cluster up} at the same time: the second waits, then finds the cluster reachable.
 */
final class ClusterUpLock implements AutoCloseable {

  private static final Object IN_PROCESS = new Object();
  private final FileChannel channel;
  private final FileLock lock;

  private ClusterUpLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static ClusterUpLock acquire(Path file, Duration atMost) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new ClusterUnavailableException("cannot open lock file " + file + ": " + e.getMessage(), e);
    }
    FileLock held;
    try {
      held = Waits.until("lock " + file + " (another process is running cluster up)", atMost, Duration.ofMillis(250),
          () -> {
            synchronized (IN_PROCESS) {
              try {
                return channel.tryLock();
              } catch (OverlappingFileLockException e) {
                return null;
              }
            }
          }, java.util.Objects::nonNull, lock -> "still held by another process");
    } catch (WaitTimeoutException e) {
      close(channel);
      throw new ClusterUnavailableException("another process held " + file + " (running cluster up) for longer than "
          + atMost, e);
    }
    return new ClusterUpLock(channel, held);
  }

  static Path defaultFile() {
    return Path.of(System.getProperty("java.io.tmpdir"), "shakedown-cluster-up.lock");
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // released when the channel closes
    }
    close(channel);
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
