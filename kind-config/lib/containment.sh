# Host rules that keep the cluster's pod and Service traffic on this machine. Each node already makes the pod
# CIDR 'unreachable' (cni-agent); these DOCKER-USER rules reject, on the host, anything from the kind bridge
# to or from the pod or Service CIDR that would leave through another interface. Node-to-node traffic stays
# on the bridge and is not touched. 'cluster up' installs them, deleting the kind network removes them.
CONTAINMENT_TAG=shakedown-contain

kind_bridge() { local id; id=$(docker network inspect -f '{{.Id}}' kind 2>/dev/null) && echo "br-${id:0:12}"; }

# The cluster's podSubnet and serviceSubnet, as kubeadm was given them.
cluster_cidrs() {
  kctl -n kube-system get configmap kubeadm-config -o 'jsonpath={.data.ClusterConfiguration}' \
    | sed -n 's/^[[:space:]]*\(podSubnet\|serviceSubnet\):[[:space:]]*//p'
}

containment_rules() { iptables -w -S DOCKER-USER 2>/dev/null | grep -- "--comment $CONTAINMENT_TAG" || true; }

remove_containment() {
  local rule
  command -v iptables >/dev/null && [ "$(id -u)" = 0 ] || return 0
  containment_rules | sed 's/^-A /-D /' | while read -r rule; do
    # shellcheck disable=SC2086
    iptables -w $rule
  done
}

contain_cluster_traffic() {
  local br cidrs cidr dir
  if [ "$(id -u)" != 0 ] || ! command -v iptables >/dev/null; then
    progress "WARNING: not root, or no iptables: the host cannot keep pod and Service traffic in (see README, 'Network containment')"
    return 0
  fi
  br=$(kind_bridge) || die "docker network 'kind' is missing" "'$0 down' then '$0 up'"
  cidrs=$(cluster_cidrs)
  [ -n "$cidrs" ] || die "cannot read podSubnet/serviceSubnet from kube-system/kubeadm-config" "'$0 status'; then '$0 down' and '$0 up'"
  iptables -w -S DOCKER-USER >/dev/null 2>&1 \
    || die "the host has no DOCKER-USER chain (dockerd runs with --iptables=false?)" "let dockerd manage iptables, restart it, rerun '$0 up'"
  remove_containment
  for cidr in $cidrs; do
    for dir in -d -s; do
      iptables -w -I DOCKER-USER -i "$br" ! -o "$br" "$dir" "$cidr" -m comment --comment "$CONTAINMENT_TAG" \
        -j REJECT --reject-with icmp-net-unreachable
    done
  done
  progress "host: pod and Service traffic ($(echo $cidrs)) from $br never leaves the machine (DOCKER-USER rules)"
}
