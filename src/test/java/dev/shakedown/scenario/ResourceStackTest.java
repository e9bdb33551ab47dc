package dev.shakedown.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shakedown.ShakedownException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceStackTest {

  private final List<String> closed = new ArrayList<>();
  private final ResourceStack stack = new ResourceStack();

  private AutoCloseable resource(String name) {
    return new AutoCloseable() {
      @Override
      public void close() {
        closed.add(name);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  @Test
  void closesInReverseOrderOnce() {
    AutoCloseable first = stack.push(resource("namespace"));
    stack.push(resource("workload"));
    stack.push(resource("fault"));
    assertThat(stack.size()).isEqualTo(3);

    stack.close();
    stack.close();

    assertThat(closed).containsExactly("fault", "workload", "namespace");
    assertThat(first.toString()).isEqualTo("namespace");
  }

  @Test
  void keepsClosingWhenOneFailsAndReportsAllFailures() {
    stack.push(resource("a"));
    stack.push(() -> {
      throw new IllegalStateException("b broke");
    });
    stack.push(resource("c"));
    stack.push(() -> {
      throw new IllegalStateException("d broke");
    });

    assertThatThrownBy(stack::close).isInstanceOf(ShakedownException.class)
        .hasMessageContaining("2 resource(s) failed to close").hasMessageContaining("d broke").hasMessageContaining("b broke")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    assertThat(closed).containsExactly("c", "a");
  }

  @Test
  void closeMatchingKeepsTheOthers() {
    stack.push(resource("keep-1"));
    stack.push(resource("heal-1"));
    stack.push(resource("keep-2"));
    stack.push(resource("heal-2"));

    stack.closeMatching(r -> r.toString().startsWith("heal"));

    assertThat(closed).containsExactly("heal-2", "heal-1");
    assertThat(stack.size()).isEqualTo(2);
    stack.close();
    assertThat(closed).containsExactly("heal-2", "heal-1", "keep-2", "keep-1");
  }
}
