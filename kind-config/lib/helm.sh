# Helm, for rendering a user's chart into manifests ('helm template'; nothing is installed into the cluster by Helm).
helm_bin() { echo "$(go_tool_dir helm "$HELM_VERSION")/helm"; }

# ensure_helm: builds the pinned Helm into the cache once (cold: a few minutes on 2 cores); prints its path.
ensure_helm() {
  local dir
  dir=$(go_tool_dir helm "$HELM_VERSION")
  if [ ! -x "$dir/helm" ]; then
    require_go helm; require_module helm.sh/helm/v3 "$HELM_VERSION"
    progress "building helm $HELM_VERSION from the Go module proxy (cold: a few minutes)"
    run_logged "$SHAKEDOWN_CACHE/logs/go-helm.log" env GOBIN="$dir" go install -trimpath -ldflags=-s\ -w \
      "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  fi
  helm_bin
}
