# The next minor's artifacts for the upgrade rehearsal: 'cluster build --upgrade-to VERSION' builds its binaries and
# the images its kubeadm asks for, cached like the pinned ones; 'cluster upgrade-artifacts VERSION' prints where.

# upgrade_check VERSION: one clear line unless VERSION is vMAJOR.MINOR.PATCH exactly one minor above the pin, and
# the Go module proxy serves it.
upgrade_check() {
  local v=$1 pinned_minor minor
  [[ "$v" =~ ^v1\.([0-9]+)\.[0-9]+$ ]] \
    || die "upgrade target '$v' is not a Kubernetes version like v1.35.4" "give one, e.g. --upgrade-to $UPGRADE_KUBERNETES_VERSION (the pin in kind-config/versions.env)"
  minor=${BASH_REMATCH[1]}
  pinned_minor=${KUBERNETES_VERSION#v1.}; pinned_minor=${pinned_minor%%.*}
  [ "$minor" -eq $((pinned_minor + 1)) ] \
    || die "upgrade target $v is not exactly one minor above the cluster's $KUBERNETES_VERSION (kubeadm upgrades one minor at a time)" "give a v1.$((pinned_minor + 1)).x version, e.g. $UPGRADE_KUBERNETES_VERSION"
  require_go kubernetes
  require_module k8s.io/kubernetes "$v"
}

upgrade_dir() { echo "$SHAKEDOWN_CACHE/upgrades/$1"; }

# build_upgrade VERSION: binaries, then one image per line of 'kubeadm config images list' for VERSION that
# Docker lacks (kube-* from the new binaries; CoreDNS, etcd and pause built at the tags kubeadm names), saved as
# one archive beside the binaries for loading into the nodes.
build_upgrade() {
  local v=$1 k8s dir ref name tag base images=()
  upgrade_check "$v"
  build_kubernetes "$v"
  k8s=$(go_tool_dir kubernetes "$v")
  base=$(rootfs_image component "$COMPONENT_PACKAGES")
  while read -r ref; do
    name=${ref##*/}; tag=${name##*:}; name=${name%%:*}
    case "$name" in
      kube-apiserver|kube-controller-manager|kube-scheduler|kube-proxy) build_image "$ref" kubernetes "$base" "$k8s/$name" ;;
      coredns) go_install coredns github.com/coredns/coredns "$tag"
        build_image "$ref" coredns "$base" "$(go_tool_dir coredns "$tag")/coredns" ;;
      pause) build_image "$ref" pause "$base" ;;
      etcd) local ev="v${tag%-*}"; ETCD_VERSION=$ev build_etcd
        build_image "$ref" etcd "$base" "$(go_tool_dir etcd "$ev")/etcd" "$(go_tool_dir etcd "$ev")/etcdctl" ;;
      *) die "kubeadm $v asks for image $ref, which Shakedown does not know how to build" "report it; pin an upgrade target whose images are the usual seven" ;;
    esac
    images+=("$ref")
  done < <("$k8s/kubeadm" config images list --kubernetes-version "$v" 2>/dev/null)
  [ ${#images[@]} -gt 0 ] || die "kubeadm $v listed no images" "run $k8s/kubeadm config images list --kubernetes-version $v"
  dir=$(upgrade_dir "$v")
  mkdir -p "$dir.tmp"
  cp "$k8s/kubeadm" "$k8s/kubelet" "$k8s/kubectl" "$dir.tmp/"
  printf '%s\n' "${images[@]}" > "$dir.tmp/images.txt"
  progress "saving ${#images[@]} images for $v"
  docker save "${images[@]}" > "$dir.tmp/images.tar"
  rm -rf "$dir"; mv "$dir.tmp" "$dir"
  progress "upgrade artifacts for $v are in $dir ($(du -sh "$dir" | cut -f1))"
}
