/** JUnit integration only: {@code @ChaosTest}, the extension, parameter resolvers and cleanup modes. */
package dev.shakedown.junit;
