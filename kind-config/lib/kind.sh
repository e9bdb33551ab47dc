# Creating, repairing, inspecting and deleting the kind cluster.

kind_bin() { echo "$(go_tool_dir kind "$KIND_VERSION")/kind"; }

ensure_kind() {
  if command -v kind >/dev/null && kind version 2>/dev/null | grep -q "${KIND_VERSION}"; then KIND=kind; return; fi
  go_install kind sigs.k8s.io/kind "$KIND_VERSION"
  KIND=$(kind_bin)
}

cluster_name() { sed -n 's/^name:[[:space:]]*//p' "$CLUSTER_CONFIG"; }

cluster_containers() { docker ps -a --filter "label=io.x-k8s.kind.cluster=$(cluster_name)" --format '{{.Names}}'; }

# kubectl as the cluster admin, run inside the control-plane node (works for built and pulled images).
kctl() { docker exec -i "$(cluster_name)-control-plane" kubectl --kubeconfig=/etc/kubernetes/admin.conf "$@"; }

ready_nodes_are() { [ "$(kctl get nodes --no-headers 2>/dev/null | grep -c ' Ready ')" = "$1" ]; }

apply_smoke_storage() { sed "s|@PAUSE_IMAGE_TAG@|$PAUSE_IMAGE_TAG|" "$SHAKEDOWN_KIND_CONFIG/smoke-storage.yaml" | kctl apply -f -; }

smoke_claim_bound() { [ "$(kctl -n shakedown-smoke get pvc smoke -o 'jsonpath={.status.phase}')" = Bound ]; }

# Waits until every node is Ready and a PVC of the default StorageClass binds; returns non-zero on timeout.
wait_healthy() {
  local want
  want=$(grep -c 'role:' "$CLUSTER_CONFIG")
  progress "waiting for $want nodes to be Ready"
  retry 240 ready_nodes_are "$want" || return 1
  progress "checking that the default StorageClass binds a volume"
  kctl delete namespace shakedown-smoke --ignore-not-found --timeout=60s >/dev/null 2>&1 || true
  retry 60 apply_smoke_storage || return 1     # right after a restart the namespace's service account may lag
  retry 180 smoke_claim_bound || return 1
  kctl delete namespace shakedown-smoke --wait=false >/dev/null
}

# Starts node containers a fault or a reboot left stopped or paused.
repair_nodes() {
  local name state
  for name in $(cluster_containers); do
    state=$(docker inspect -f '{{.State.Status}}' "$name")
    case "$state" in
      running) ;;
      paused) progress "unpausing node $name"; docker unpause "$name" >/dev/null ;;
      *) progress "starting node $name (was $state)"; docker start "$name" >/dev/null ;;
    esac
  done
  repair_node_residue
}

# Puts back what a run killed mid-fault left inside the nodes: a control-plane manifest held out of the kubelet's
# static-pod directory (the API server would stay down) and a stopped kubelet. (The test run's sweep removes the
# iptables chains.)
repair_node_residue() {
  local name f
  for name in $(cluster_containers); do
    for f in $(docker exec "$name" sh -c 'cd /etc/kubernetes/shakedown-held 2>/dev/null && ls *.yaml 2>/dev/null' || true); do
      progress "node $name: moving $f back into /etc/kubernetes/manifests (a killed run held it out)"
      docker exec "$name" mv "/etc/kubernetes/shakedown-held/$f" /etc/kubernetes/manifests/
    done
    if ! docker exec "$name" systemctl is-active --quiet kubelet; then
      progress "node $name: starting the kubelet (a killed run left it stopped)"
      docker exec "$name" systemctl start kubelet || true
    fi
  done
}

# The kubelet version each node reports, e.g. "v1.35.4" (distinct values, space-separated).
node_versions() { kctl get nodes -o 'jsonpath={.items[*].status.nodeInfo.kubeletVersion}' 2>/dev/null | tr ' ' '\n' | sort -u | tr '\n' ' ' | sed 's/ $//'; }

# True unless the API answers and some node reports a kubelet other than the pinned one.
nodes_on_pinned_version() {
  local versions
  versions=$(node_versions) || return 0
  [ -z "$versions" ] || [ "$versions" = "$KUBERNETES_VERSION" ]
}

cluster_up() {
  local image name running workloads
  ensure_docker
  image=$(ensure_node_image)
  ensure_kind
  name=$(cluster_name)
  if [ -n "$(cluster_containers)" ]; then
    running=$(docker inspect -f '{{.Config.Image}}' "$name-control-plane" 2>/dev/null || true)
    if [ "${running%%-*}" = "${image%%-*}" ]; then
      progress "cluster $name exists: repairing and checking it"
      repair_nodes
      if ! nodes_on_pinned_version; then
        progress "cluster $name runs Kubernetes $(node_versions) (an upgrade rehearsal moved it), not the pinned $KUBERNETES_VERSION: recreating it"
      elif wait_healthy; then
        [ "$running" = "$image" ] || progress "note: cluster $name runs node image $running; the current build is $image ('$0 down' then '$0 up' to move to it)"
        "$KIND" export kubeconfig --name "$name" >/dev/null 2>&1
        progress "cluster $name is healthy (context kind-$name)"
        return 0
      else
        progress "cluster $name is not healthy: recreating it"
      fi
    else
      progress "cluster $name runs $running, not Kubernetes ${image#*:}: recreating it with $image"
    fi
    "$KIND" delete cluster --name "$name" >/dev/null 2>&1
  fi
  progress "creating cluster $name from $CLUSTER_CONFIG with $image"
  build_workload_images >/dev/null & workloads=$!    # beside the create, which mostly waits
  run_logged "$SHAKEDOWN_CACHE/logs/kind-create.log" "$KIND" create cluster --config "$CLUSTER_CONFIG" --image "$image" --retain
  wait "$workloads" || exit 1
  wait_healthy || die "cluster $name did not become healthy within the bounds (nodes Ready in 240 s, a PVC bound in 180 s)" \
    "inspect with '$0 status' and 'docker logs $name-control-plane'; then '$0 down' and '$0 up'"
  progress "cluster $name is up (context kind-$name)"
}

cluster_down() {
  local name
  name=$(cluster_name)
  docker_answers || { progress "no Docker engine answers: nothing to delete"; return 0; }
  ensure_kind
  progress "deleting cluster $name"
  "$KIND" delete cluster --name "$name" >/dev/null 2>&1 || true
  [ -z "$(cluster_containers)" ] || docker rm -f $(cluster_containers) >/dev/null
  local users=""
  if docker network inspect kind >/dev/null 2>&1; then
    users=$(docker network inspect -f '{{range .Containers}}{{.Name}} {{end}}' kind)
    [ -n "$users" ] || { docker network rm kind >/dev/null; remove_containment; }
  fi
  if [ -n "$users" ]; then
    progress "cluster $name deleted; docker network kind kept for the containers still on it: $users"
  else
    progress "cluster $name deleted; no node container or kind network left"
  fi
}

cluster_status() {
  local name
  name=$(cluster_name)
  docker_answers || { echo "docker: no engine answers"; return 1; }
  echo "node image: $(ensure_node_image_ref_quiet)"
  if [ -z "$(cluster_containers)" ]; then echo "cluster $name: absent"; return 1; fi
  docker ps -a --filter "label=io.x-k8s.kind.cluster=$name" --format 'container {{.Names}}: {{.Status}}'
  kctl get nodes -o wide
}

ensure_node_image_ref_quiet() {
  local ref; ref=$(node_image_ref)
  if docker image inspect "$ref" >/dev/null 2>&1; then echo "$ref (built)"; else echo "$ref (not built yet)"; fi
}
