/**
 * AssertJ entry points for verdicts, histories, timelines and operations, and for fabric8 pods, statefulsets and
 * nodes: {@code ShakedownAssertions.assertThat(...)}.
 */
package dev.shakedown.assertj;
