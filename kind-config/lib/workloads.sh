# Workload images the harness deploys, built offline FROM the Debian component rootfs and loaded into
# the cluster's nodes with 'kind load'.
WORKLOAD_IMAGE=shakedown/workload:0.1
POSTGRES_IMAGE=shakedown/postgres:$POSTGRES_MAJOR
TOXIPROXY_IMAGE=shakedown/toxiproxy:${TOXIPROXY_VERSION#v}

build_workload_binary() {
  local src=$SHAKEDOWN_KIND_CONFIG/images/workload out
  out="$SHAKEDOWN_CACHE/bin/workload-$(tree_hash "$src")"
  if [ ! -x "$out/workload" ]; then
    require_go workload
    progress "building the workload server"
    ( cd "$src" && run_logged "$SHAKEDOWN_CACHE/logs/go-workload.log" go build -trimpath -ldflags "-s -w" -o "$out/workload" . )
  fi
  echo "$out/workload"
}

# Builds toxiproxy-server and toxiproxy-cli once into the cache; prints the directory holding both.
build_toxiproxy_binaries() {
  local dir
  dir=$(go_tool_dir toxiproxy "$TOXIPROXY_VERSION")
  if [ ! -x "$dir/toxiproxy-server" ] || [ ! -x "$dir/toxiproxy-cli" ]; then
    require_go toxiproxy; require_module github.com/Shopify/toxiproxy/v2 "$TOXIPROXY_VERSION"
    progress "building toxiproxy $TOXIPROXY_VERSION from the Go module proxy (cold: a minute or two)"
    mkdir -p "$dir"
    run_logged "$SHAKEDOWN_CACHE/logs/go-toxiproxy.log" env GOBIN="$dir/gobin" go install -trimpath -ldflags=-s\ -w \
      "github.com/Shopify/toxiproxy/v2/cmd/server@$TOXIPROXY_VERSION" "github.com/Shopify/toxiproxy/v2/cmd/cli@$TOXIPROXY_VERSION"
    mv "$dir/gobin/server" "$dir/toxiproxy-server"; mv "$dir/gobin/cli" "$dir/toxiproxy-cli"; rmdir "$dir/gobin"
  fi
  echo "$dir"
}

# Builds every workload image; prints their references.
build_workload_images() {
  local base
  base=$(rootfs_image component "$COMPONENT_PACKAGES")
  build_image "$WORKLOAD_IMAGE" workload "$base" "$(build_workload_binary)"
  build_image "$POSTGRES_IMAGE" postgres "$(rootfs_image postgres "$POSTGRES_PACKAGES")"
  local toxiproxy
  toxiproxy=$(build_toxiproxy_binaries)
  build_image "$TOXIPROXY_IMAGE" toxiproxy "$base" "$toxiproxy/toxiproxy-server" "$toxiproxy/toxiproxy-cli"
  echo "$WORKLOAD_IMAGE"
  echo "$POSTGRES_IMAGE"
  echo "$TOXIPROXY_IMAGE"
}

# image_on_node NODE REF: true when NODE's containerd holds REF with the same config digest as Docker's image.
# (kind's own check needs crictl, which the offline node does not carry, so 'kind load' alone always reloads.)
image_on_node() {
  local digest
  digest=$(docker exec "$1" ctr -n k8s.io images ls "name==docker.io/$2" 2>/dev/null | awk 'NR==2 {print $3}')
  [ -n "$digest" ] && [ "$(docker exec "$1" sh -c "ctr -n k8s.io content get $digest | jq -r .config.digest")" = "$(docker image inspect -f '{{.Id}}' "$2")" ]
}

load_workload_images() {
  # shellcheck disable=SC2046 # one reference per line, no spaces
  load_images $(build_workload_images)
}

# load_images REF...: loads each local Docker image into every node of the cluster that lacks it (a user's own
# images as well as the project's); an image not in Docker's store is an error naming how to get it there.
load_images() {
  local ref node missing
  [ $# -gt 0 ] || die "no image given" "name one or more local images, e.g. 'kind-config/cluster load my/app:1.2'"
  for ref in "$@"; do
    docker image inspect "$ref" >/dev/null 2>&1 \
      || die "image $ref is not in Docker's image store on this machine" "build or tag it first: docker build -t $ref ."
  done
  ensure_kind
  for ref in "$@"; do
    missing=""
    for node in $(cluster_containers); do image_on_node "$node" "$ref" || missing="$missing,$node"; done
    if [ -z "$missing" ]; then progress "$ref is on every node already"; continue; fi
    progress "loading $ref into ${missing#,}"
    run_logged "$SHAKEDOWN_CACHE/logs/kind-load.log" "$KIND" load docker-image --name "$(cluster_name)" --nodes "${missing#,}" "$ref"
  done
}
