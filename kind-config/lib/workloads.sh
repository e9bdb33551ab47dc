# Workload images the harness deploys, built offline FROM the Debian component rootfs and loaded into
# the cluster's nodes with 'kind load'.
WORKLOAD_IMAGE=shakedown/workload:0.1
POSTGRES_IMAGE=shakedown/postgres:$POSTGRES_MAJOR

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

# Builds every workload image; prints their references.
build_workload_images() {
  local base
  base=$(rootfs_image component "$COMPONENT_PACKAGES")
  build_image "$WORKLOAD_IMAGE" workload "$base" "$(build_workload_binary)"
  build_image "$POSTGRES_IMAGE" postgres "$(rootfs_image postgres "$COMPONENT_PACKAGES,postgresql-$POSTGRES_MAJOR")"
  echo "$WORKLOAD_IMAGE"
  echo "$POSTGRES_IMAGE"
}

load_workload_images() {
  local ref
  ensure_kind
  for ref in $(build_workload_images); do
    progress "loading $ref into cluster $(cluster_name)"
    run_logged "$SHAKEDOWN_CACHE/logs/kind-load.log" "$KIND" load docker-image --name "$(cluster_name)" "$ref"
  done
}
