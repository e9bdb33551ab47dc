package dev.shakedown.etcd;

import java.time.Duration;

/**
 * A member caught up with its leader ({@link EtcdMembers#awaitCaughtUp}).
 *
 * @param leader the leader's status when the wait began: the target
 * @param member the member's status when it had applied at least the target's raft index and revision
 * @param took how long the wait took
 */
public record EtcdCatchUp(EtcdMemberStatus leader, EtcdMemberStatus member, Duration took) {}
