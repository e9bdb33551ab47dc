/**
 * What happened, when: the {@link dev.shakedown.history.Timeline} fed by a
 * {@link dev.shakedown.observe.TimelineRecorder} (pod, node and event informers, with the API server's own
 * times), by fault marks, and by {@link dev.shakedown.web.Probe}s that call a service throughout.
 */
package dev.shakedown.observe;
