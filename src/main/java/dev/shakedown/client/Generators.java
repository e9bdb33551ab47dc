package dev.shakedown.client;

import dev.shakedown.history.ChecksummedValue;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** The generators Shakedown ships: unique checksummed writes, reads, mixes, and limits. */
public final class Generators {

  private Generators() {}

  /**
   * Unique {@link ChecksummedValue} writes: id {@code p<process>-<n>} (n counts up from 1), a 16-hex-digit payload
   * from a random source seeded with {@code seed}, so a run can be replayed.
   */
  public static Generator uniqueWrites(long seed) {
    Random random = new Random(seed);
    AtomicLong sequence = new AtomicLong();
    return process -> new Op(process, Op.WRITE, ChecksummedValue.encode("p" + process + "-" + sequence.incrementAndGet(),
        String.format("%016x", random.nextLong())));
  }

  /** Reads ({@code read}, no value). */
  public static Generator reads() {
    return process -> new Op(process, Op.READ, null);
  }

  /** The same function every time, e.g. {@code constant("get")} for an HTTP GET. */
  public static Generator constant(String function) {
    Objects.requireNonNull(function, "function");
    return process -> new Op(process, function, null);
  }

  /**
   * Picks {@code first} with probability {@code firstShare}, else {@code second}, from a random source seeded with
   * {@code seed}; dry when the chosen one is.
   */
  public static Generator mix(double firstShare, Generator first, Generator second, long seed) {
    if (!(firstShare >= 0 && firstShare <= 1)) {
      throw new IllegalArgumentException("firstShare must be in [0, 1], was " + firstShare);
    }
    Random random = new Random(seed);
    return process -> (random.nextDouble() < firstShare ? first : second).next(process);
  }

  /** At most {@code count} operations of {@code generator}, then dry. */
  public static Generator limit(long count, Generator generator) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    AtomicLong given = new AtomicLong();
    return process -> given.getAndIncrement() < count ? generator.next(process) : null;
  }
}
