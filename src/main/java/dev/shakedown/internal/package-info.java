/** Shared machinery that is not for extenders: the one way to wait. */
package dev.shakedown.internal;
