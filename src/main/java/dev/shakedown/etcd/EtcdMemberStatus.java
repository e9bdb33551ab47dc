package dev.shakedown.etcd;

import java.util.List;

/**
 * What one etcd member said about itself (Maintenance {@code Status}), as seen from the test JVM.
 *
 * @param member the pod / member name whose endpoint was asked
 * @param memberId the id of the member that answered
 * @param leaderId the leader it follows, {@code 0} when it knows none
 * @param raftTerm its raft term
 * @param raftIndex its raft log index
 * @param raftAppliedIndex the last index it applied
 * @param revision its key-value store revision
 * @param errors alarms and errors it reports (e.g. {@code NOSPACE}, {@code CORRUPT})
 */
public record EtcdMemberStatus(String member, long memberId, long leaderId, long raftTerm, long raftIndex,
    long raftAppliedIndex, long revision, List<String> errors) {

  public EtcdMemberStatus {
    errors = List.copyOf(errors);
  }

  /** Whether this member is the leader it reports. */
  public boolean isLeader() {
    return leaderId != 0 && leaderId == memberId;
  }

  @Override
  public String toString() {
    return member + " (id " + Long.toHexString(memberId) + ", leader " + Long.toHexString(leaderId) + ", term "
        + raftTerm + ", index " + raftIndex + ", applied " + raftAppliedIndex + ", revision " + revision
        + (errors.isEmpty() ? "" : ", errors " + errors) + ")";
  }
}
