/** What must hold, judged only from recorded facts (histories, timelines, snapshots): checkers and verdicts. */
package dev.shakedown.check;
