/** AssertJ entry points for verdicts, histories and timelines: {@code ShakedownAssertions.assertThat(...)}. */
package dev.shakedown.assertj;
