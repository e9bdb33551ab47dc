package dev.shakedown.check;

import dev.shakedown.history.Operation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Checker} concluded from recorded facts: a {@link Status}, a one-paragraph human-readable
 * summary, named counts, structured details (measured numbers, offending values) and the first offending
 * operations. Immutable; build one with {@link #builder(String)} or combine several with {@link #combine}.
 */
public final class Verdict {

  /** How many offending operations a verdict keeps, so a million-op history does not flood a report. */
  public static final int MAX_OFFENDING = 10;

  /** The three outcomes, ordered from best to worst: combining verdicts keeps the worst. */
  public enum Status {
    VALID, UNKNOWN, INVALID;

    /** The worse of the two: INVALID beats UNKNOWN beats VALID (Jepsen's merge of {@code :valid?}). */
    public Status worst(Status other) {
      return compareTo(other) >= 0 ? this : other;
    }
  }

  private final String checker;
  private final Status status;
  private final String summary;
  private final Map<String, Long> counts;
  private final Map<String, Object> details;
  private final List<Operation> offending;
  private final List<Verdict> parts;

  private Verdict(Builder b, List<Verdict> parts) {
    this.checker = b.checker;
    this.status = Objects.requireNonNull(b.status, "status");
    this.summary = b.summary == null ? b.checker + " " + b.status : b.summary;
    this.counts = Collections.unmodifiableMap(new LinkedHashMap<>(b.counts));
    this.details = Collections.unmodifiableMap(new LinkedHashMap<>(b.details));
    this.offending = List.copyOf(b.offending);
    this.parts = List.copyOf(parts);
  }

  /** Starts a verdict for the checker named {@code checker} (e.g. {@code "no-lost-writes"}). */
  public static Builder builder(String checker) {
    return new Builder(checker);
  }

  /**
   * One verdict standing for several: the worst status wins, offending operations are merged in history order, and
   * the summary lists every part. Each part keeps its own counts and details under its own name, reachable through
   * {@link #part(String)} (as Jepsen's {@code compose} keeps each checker's result under its key).
   */
  public static Verdict combine(String checker, List<Verdict> verdicts) {
    Builder b = builder(checker).status(Status.VALID);
    StringBuilder text = new StringBuilder();
    List<Operation> offending = new ArrayList<>();
    for (Verdict v : verdicts) {
      b.status(b.status.worst(v.status));
      offending.addAll(v.offending);
      text.append(System.lineSeparator()).append("  - ").append(v.summary);
    }
    offending.stream().distinct().sorted(Comparator.comparingLong(Operation::index)).forEach(b::offending);
    b.summary(checker + " " + b.status + " (" + verdicts.size() + " checks):" + text);
    return new Verdict(b, verdicts);
  }

  public String checker() { return checker; }

  public Status status() { return status; }

  public boolean isValid() { return status == Status.VALID; }

  public boolean isInvalid() { return status == Status.INVALID; }

  public boolean isUnknown() { return status == Status.UNKNOWN; }

  /** The human-readable conclusion, fit for a test failure message. */
  public String summary() { return summary; }

  /** Named counts, in the order the checker reported them. */
  public Map<String, Long> counts() { return counts; }

  /** The count named {@code key}, or 0 when the checker did not report it. */
  public long count(String key) { return counts.getOrDefault(key, 0L); }

  /** Structured details: measured numbers ({@code Double}, {@code Duration}), lists of offending values. */
  public Map<String, Object> details() { return details; }

  /** The first (at most {@value #MAX_OFFENDING}) operations that show the defect, in history order. */
  public List<Operation> offending() { return offending; }

  /** The verdicts this one combines; empty for a single checker's verdict. */
  public List<Verdict> parts() { return parts; }

  /** The single checkers' verdicts under this one, depth first: itself when it combines nothing. */
  public List<Verdict> leaves() {
    if (parts.isEmpty()) {
      return List.of(this);
    }
    List<Verdict> leaves = new ArrayList<>();
    parts.forEach(p -> leaves.addAll(p.leaves()));
    return leaves;
  }

  /**
   * The part judged by {@code checker}, e.g. {@code verdict.part("availability").count("ok")}; the first one when
   * several parts have that name.
   *
   * @throws IllegalArgumentException naming the parts there are
   */
  public Verdict part(String checker) {
    return parts.stream().filter(p -> p.checker.equals(checker)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("verdict '" + this.checker + "' has no part '" + checker + "'; its parts: "
            + parts.stream().map(Verdict::checker).toList()));
  }

  @Override
  public String toString() {
    return summary + (counts.isEmpty() ? "" : " " + counts);
  }

  /** Mutable builder for a {@link Verdict}; not thread-safe. */
  public static final class Builder {
    private final String checker;
    private Status status;
    private String summary;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<Operation> offending = new ArrayList<>();

    private Builder(String checker) {
      this.checker = Objects.requireNonNull(checker, "checker");
    }

    public Builder status(Status status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    public Builder count(String key, long n) {
      counts.put(key, n);
      return this;
    }

    public Builder detail(String key, Object value) {
      details.put(key, value);
      return this;
    }

    /** Adds an offending operation; ignored once {@value #MAX_OFFENDING} are kept. */
    public Builder offending(Operation operation) {
      if (offending.size() < MAX_OFFENDING) {
        offending.add(Objects.requireNonNull(operation, "operation"));
      }
      return this;
    }

    public Verdict build() {
      return new Verdict(this, List.of());
    }
  }
}
