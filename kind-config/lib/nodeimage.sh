# The offline node image: node rootfs + Kubernetes binaries + node files, with every component image
# preloaded into its containerd. Tagged by a hash of everything it is made from.

# Bump when the build procedure below changes what ends up in the node image.
NODE_IMAGE_REVISION=1

# The node image tag: the Kubernetes version plus a hash of everything the image is made from.
node_image_ref() {
  local k=$SHAKEDOWN_KIND_CONFIG inputs
  inputs="$NODE_IMAGE_REVISION $NODE_PACKAGES $COMPONENT_PACKAGES $(tree_hash versions.env node \
    images/{node,kubernetes,etcd,coredns,pause,cni-agent,local-path-provisioner,local-path-helper})"
  echo "shakedown/node:$KUBERNETES_VERSION-$(printf '%s' "$inputs" | sha256sum | cut -c1-12)"
}

# render DIR: replaces @VERSION_NAME@ placeholders in every file under DIR with the pinned values.
render_versions() {
  local name
  for name in KUBERNETES_VERSION PAUSE_IMAGE_TAG LOCAL_PATH_PROVISIONER_VERSION; do
    grep -rl "@$name@" "$1" | xargs -r sed -i "s|@$name@|${!name}|g"
  done
}

build_node_image() {
  local ref=$1 base ctx k8s container images rootfs
  check_go_pins
  ensure_debootstrap
  build_rootfs_images & rootfs=$!
  build_go_components
  wait "$rootfs" || exit 1
  mapfile -t images < <(build_component_images)
  base=$(rootfs_image node "$NODE_PACKAGES")
  k8s=$(go_tool_dir kubernetes "$KUBERNETES_VERSION")
  ctx=$(mktemp -d "${TMPDIR:-/tmp}/shakedown-node.XXXXXX")
  cp "$SHAKEDOWN_KIND_CONFIG/images/node/Dockerfile" "$k8s/kubeadm" "$k8s/kubelet" "$k8s/kubectl" "$ctx/"
  cp -r "$SHAKEDOWN_KIND_CONFIG/node" "$ctx/rootfs"
  render_versions "$ctx/rootfs"
  progress "building the node base image"
  run_logged "$SHAKEDOWN_CACHE/logs/image-node.log" docker build -q --build-arg "BASE=$base" \
    --build-arg "KUBERNETES_VERSION=$KUBERNETES_VERSION" -t "$ref-base" "$ctx"
  rm -rf "$ctx"

  progress "preloading ${#images[@]} images into the node's containerd"
  container=$(docker run -d --entrypoint sleep "$ref-base" infinity)
  docker exec "$container" sh -c 'containerd >/var/log/containerd-build.log 2>&1 &'
  timeout 60 sh -c "until docker exec $container ctr version >/dev/null 2>&1; do sleep 1; done" \
    || die "containerd did not start in the node build container" "docker logs $container"
  docker save "${images[@]}" | docker exec -i "$container" ctr --namespace=k8s.io images import \
    --label=io.cri-containerd.pinned=pinned --all-platforms --no-unpack --digests - >/dev/null
  docker exec "$container" sh -c 'pkill containerd; rm -f /var/log/containerd-build.log'
  docker commit -c 'ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]' -c 'CMD []' "$container" "$ref" >/dev/null
  docker rm -f "$container" >/dev/null
  docker rmi "$ref-base" >/dev/null
  progress "node image $ref: $(docker image inspect -f '{{.Size}}' "$ref" | awk '{printf "%d MB", $1/1e6}')"
  prune_node_images "$ref"
}

# Makes sure a node image exists, building it offline when absent; prints its ref. Nothing is pulled: a
# registry is never needed (SHAKEDOWN_NODE_IMAGE names an image of your own instead).
ensure_node_image() {
  local ref
  if [ -n "${SHAKEDOWN_NODE_IMAGE:-}" ]; then echo "$SHAKEDOWN_NODE_IMAGE"; return; fi
  ref=$(node_image_ref)
  if docker image inspect "$ref" >/dev/null 2>&1; then
    progress "node image $ref is cached"
  else
    progress "building the node image offline (cold: ~12 min; cached afterwards)"
    build_node_image "$ref"
  fi
  echo "$ref"
}

# Removes node images other than KEEP that no container uses (earlier builds of changed node files).
prune_node_images() {
  local image
  for image in $(docker images shakedown/node --format '{{.Repository}}:{{.Tag}}'); do
    [ "$image" = "$1" ] || docker rmi "$image" >/dev/null 2>&1 || true
  done
}
