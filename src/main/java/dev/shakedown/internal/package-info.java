/** Shared machinery that is not for extenders: waits, resource stacks, settings. */
package dev.shakedown.internal;
