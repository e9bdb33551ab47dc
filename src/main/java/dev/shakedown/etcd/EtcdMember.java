package dev.shakedown.etcd;

import java.net.URI;
import java.util.List;

/**
 * One entry of an etcd cluster's member list.
 *
 * @param id the member id etcd assigned (a new id after {@code member add})
 * @param name the member's name, empty while it was added but has not started yet
 * @param peerUrls where its peers reach it, e.g. {@code http://etcd-1.etcd.ns.svc:2380}
 * @param learner whether it is a non-voting learner
 */
public record EtcdMember(long id, String name, List<URI> peerUrls, boolean learner) {

  public EtcdMember {
    name = name == null ? "" : name;
    peerUrls = List.copyOf(peerUrls);
  }

  /** Whether the member has started (etcd reports no name for an added member that never started). */
  public boolean started() {
    return !name.isEmpty();
  }

  /**
   * The pod this member runs in: its name, or for an unstarted member the first label of its peer URL's host
   * (Shakedown's peer URLs are {@code http://<pod>.<service>.<namespace>.svc:2380}).
   */
  public String podName() {
    if (started() || peerUrls.isEmpty() || peerUrls.get(0).getHost() == null) {
      return name;
    }
    String host = peerUrls.get(0).getHost();
    int dot = host.indexOf('.');
    return dot < 0 ? host : host.substring(0, dot);
  }

  /** The id as etcdctl prints it (lower-case hex). */
  public String hexId() {
    return Long.toHexString(id);
  }

  @Override
  public String toString() {
    return podName() + " (" + hexId() + (started() ? "" : ", unstarted") + (learner ? ", learner" : "") + ")";
  }
}
