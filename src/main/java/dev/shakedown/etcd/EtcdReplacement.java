package dev.shakedown.etcd;

import dev.shakedown.etcd.EtcdMemberStatus;
import java.time.Duration;

/**
 * What {@link EtcdMemberReplacement#replace(String)} did and how long each part took.
 *
 * @param member the replaced member (pod name)
 * @param oldId its member id before (hex; empty if it was already removed)
 * @param newId the id {@code member add} gave it (hex)
 * @param membership time for {@code member remove} + {@code member add}
 * @param podReady time from deleting claim and pod until the recreated pod was Ready
 * @param resync time from Ready until it had caught up with the leader
 * @param leaderAtReady the leader's status when the pod became Ready (the catch-up target)
 * @param memberAtResync the member's status when it had caught up
 */
public record EtcdReplacement(String member, String oldId, String newId, Duration membership, Duration podReady,
    Duration resync, EtcdMemberStatus leaderAtReady, EtcdMemberStatus memberAtResync) {

  /** The whole replacement: membership change, new pod Ready, resync. */
  public Duration total() {
    return membership.plus(podReady).plus(resync);
  }

  @Override
  public String toString() {
    return member + " " + oldId + " -> " + newId + ": membership " + membership.toMillis() + " ms, pod Ready "
        + podReady.toMillis() + " ms, resync " + resync.toMillis() + " ms (total " + total().toMillis()
        + " ms); leader " + leaderAtReady + ", member " + memberAtResync;
  }
}
