# Component images (control plane, etcd, CoreDNS, pause, CNI agent, storage) built FROM the Debian
# component rootfs, each from images/<dir>/Dockerfile and the binaries it names.

# One line per image: reference, images/ directory, files for the build context (paths; KUBE_ARG = --build-arg BINARY).
component_image_table() {
  local k8s etcd
  k8s=$(go_tool_dir kubernetes "$KUBERNETES_VERSION"); etcd=$(go_tool_dir etcd "$ETCD_VERSION")
  cat <<TABLE
registry.k8s.io/kube-apiserver:$KUBERNETES_VERSION kubernetes $k8s/kube-apiserver
registry.k8s.io/kube-controller-manager:$KUBERNETES_VERSION kubernetes $k8s/kube-controller-manager
registry.k8s.io/kube-scheduler:$KUBERNETES_VERSION kubernetes $k8s/kube-scheduler
registry.k8s.io/kube-proxy:$KUBERNETES_VERSION kubernetes $k8s/kube-proxy
registry.k8s.io/etcd:$ETCD_IMAGE_TAG etcd $etcd/etcd $etcd/etcdctl
registry.k8s.io/coredns/coredns:$COREDNS_VERSION coredns $(go_tool_dir coredns "$COREDNS_VERSION")/coredns
registry.k8s.io/pause:$PAUSE_IMAGE_TAG pause
shakedown/cni-agent:$KUBERNETES_VERSION cni-agent $k8s/kubectl
shakedown/local-path-provisioner:$LOCAL_PATH_PROVISIONER_VERSION local-path-provisioner $(go_tool_dir local-path-provisioner "$LOCAL_PATH_PROVISIONER_VERSION")/local-path-provisioner
shakedown/local-path-helper:$LOCAL_PATH_PROVISIONER_VERSION local-path-helper
TABLE
}

# tree_hash PATH...: a short content hash of files (names relative to kind-config/, so the hash does not
# depend on where the checkout lives), to tell whether an image built from them is current.
tree_hash() {
  ( cd "$SHAKEDOWN_KIND_CONFIG" && find "${@#"$SHAKEDOWN_KIND_CONFIG/"}" -type f -print0 | sort -z | xargs -0 sha256sum ) \
    | sha256sum | cut -c1-12
}

# build_image REF DIR BASE FILE...: docker build images/DIR/Dockerfile with FILEs and DIR's own files as context.
build_image() {
  local ref=$1 dir=$2 base=$3; shift 3
  local hash ctx
  hash=$(printf '%s %s %s' "$base" "$*" "$(tree_hash "$SHAKEDOWN_KIND_CONFIG/images/$dir")" | sha256sum | cut -c1-12)
  if [ "$(docker image inspect -f '{{index .Config.Labels "dev.shakedown.build"}}' "$ref" 2>/dev/null)" = "$hash" ]; then
    return 0
  fi
  ctx=$(mktemp -d "${TMPDIR:-/tmp}/shakedown-image.XXXXXX")
  cp -r "$SHAKEDOWN_KIND_CONFIG/images/$dir/." "$ctx/"
  [ $# -eq 0 ] || cp "$@" "$ctx/"
  progress "building image $ref"
  run_logged "$SHAKEDOWN_CACHE/logs/image-$dir.log" docker build -q --label "dev.shakedown.build=$hash" \
    --build-arg "BASE=$base" --build-arg "BINARY=$(basename "${1:-none}")" -t "$ref" "$ctx"
  rm -rf "$ctx"
}

# Builds every component image; prints their references.
build_component_images() {
  local base ref dir files
  base=$(rootfs_image component "$COMPONENT_PACKAGES")
  while read -r ref dir files; do
    # shellcheck disable=SC2086
    build_image "$ref" "$dir" "$base" $files
    echo "$ref"
  done < <(component_image_table)
}
