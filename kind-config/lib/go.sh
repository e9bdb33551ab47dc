# Go builds through the module proxy, each cached under $SHAKEDOWN_CACHE/bin/<name>-<version>/.
export CGO_ENABLED=0

require_go() {
  command -v go >/dev/null || die "no Go toolchain on PATH (needed to build $1 offline)" "install Go 1.24 or newer (https://go.dev/dl or Debian's golang-go from bookworm-backports) and rerun"
}

# Fails with a clear line when the module proxy does not serve MODULE@VERSION.
require_module() {
  go list -m "$1@$2" >/dev/null 2>&1 \
    || die "the Go module proxy does not serve $1@$2 (pinned in kind-config/versions.env)" "pick a version that 'go list -m -versions $1' shows and set it in kind-config/versions.env"
}

# go_tool_dir NAME VERSION: prints the cache directory of one pinned build.
go_tool_dir() { echo "$SHAKEDOWN_CACHE/bin/$1-$2"; }

# go_install NAME MODULE VERSION: 'go install' of a module whose go.mod has no replace directives.
go_install() {
  local name=$1 module=$2 version=$3 dir
  dir=$(go_tool_dir "$name" "$version")
  [ -x "$dir/$name" ] && return 0
  require_go "$name"; require_module "$module" "$version"
  progress "building $name $version from the Go module proxy (cold: a few minutes)"
  run_logged "$SHAKEDOWN_CACHE/logs/go-$name.log" env GOBIN="$dir" go install -trimpath -ldflags=-s\ -w "$module@$version"
}

# wrapper_module DIR MODULE VERSION: a throwaway module that requires MODULE@VERSION and pins each of its
# local replace targets (staging or sibling modules) to the published module of the same release.
wrapper_module() {
  local dir=$1 module=$2 version=$3 sibling_version=$4 gomod
  mkdir -p "$dir"
  ( cd "$dir"
    rm -f go.mod go.sum
    go mod init shakedown.local/build >/dev/null 2>&1
    gomod=$(go mod download -json "$module@$version" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')
    [ -n "$gomod" ] || exit 1
    sed -n 's#^\s*\([a-z0-9./-]*\) => \./.*#\1#p' "$gomod" | sort -u | while read -r dep; do
      go mod edit -replace "$dep=$dep@$sibling_version"
    done
    go mod edit -require "$module@$version" )
}

# build_kubernetes [VERSION]: the seven binaries of one release (default the pinned KUBERNETES_VERSION).
build_kubernetes() {
  local v=${1:-$KUBERNETES_VERSION} dir work minor
  dir=$(go_tool_dir kubernetes "$v")
  [ -x "$dir/kubeadm" ] && [ -x "$dir/kube-proxy" ] && return 0
  require_go kubernetes; require_module k8s.io/kubernetes "$v"
  minor=${v#v1.}; minor=${minor%%.*}
  work="$SHAKEDOWN_CACHE/src/kubernetes-$v"
  progress "building Kubernetes $v (kubeadm kubelet kubectl kube-apiserver kube-controller-manager kube-scheduler kube-proxy; cold ~7 min on 2 cores)"
  run_logged "$SHAKEDOWN_CACHE/logs/go-kubernetes-mod.log" wrapper_module "$work" k8s.io/kubernetes "$v" "v0.${v#v1.}"
  local x="" pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    x="$x -X $pkg.gitVersion=$v -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  local cmds="kubeadm kubelet kubectl kube-apiserver kube-controller-manager kube-scheduler kube-proxy" c pkgs=""
  for c in $cmds; do pkgs="$pkgs k8s.io/kubernetes/cmd/$c"; done
  ( cd "$work"
    run_logged "$SHAKEDOWN_CACHE/logs/go-kubernetes-get.log" go get $(printf '%s@'"$v"' ' $pkgs)
    mkdir -p "$dir.tmp"
    run_logged "$SHAKEDOWN_CACHE/logs/go-kubernetes-build.log" go build -trimpath -ldflags "-s -w $x" -o "$dir.tmp/" $pkgs )
  rm -rf "$dir"; mv "$dir.tmp" "$dir"
}

build_etcd() {
  local v=$ETCD_VERSION dir work
  dir=$(go_tool_dir etcd "$v")
  [ -x "$dir/etcd" ] && [ -x "$dir/etcdctl" ] && return 0
  require_go etcd; require_module go.etcd.io/etcd/server/v3 "$v"
  work="$SHAKEDOWN_CACHE/src/etcd-$v"
  progress "building etcd $v and etcdctl"
  run_logged "$SHAKEDOWN_CACHE/logs/go-etcd-mod.log" wrapper_module "$work" go.etcd.io/etcd/v3 "$v" "$v"
  cp "$SHAKEDOWN_KIND_CONFIG/images/etcd/main.go" "$work/main.go"
  ( cd "$work"
    run_logged "$SHAKEDOWN_CACHE/logs/go-etcd-get.log" go get "go.etcd.io/etcd/server/v3/etcdmain@$v" "go.etcd.io/etcd/etcdctl/v3@$v"
    mkdir -p "$dir.tmp"
    run_logged "$SHAKEDOWN_CACHE/logs/go-etcd-build.log" go build -trimpath -ldflags "-s -w" -o "$dir.tmp/etcd" .
    run_logged "$SHAKEDOWN_CACHE/logs/go-etcdctl-build.log" go build -trimpath -ldflags "-s -w" -o "$dir.tmp/etcdctl" go.etcd.io/etcd/etcdctl/v3 )
  rm -rf "$dir"; mv "$dir.tmp" "$dir"
}

# Checks, before any build starts, that Go is there and the proxy serves every pin not built yet: a bad pin
# fails at once with its own line, not from a background build.
check_go_pins() {
  local name binary module version
  while read -r name binary module version; do
    [ -x "$(go_tool_dir "$name" "$version")/$binary" ] && continue
    require_go "$name"; require_module "$module" "$version"
  done <<PINS
kind kind sigs.k8s.io/kind $KIND_VERSION
kubernetes kube-proxy k8s.io/kubernetes $KUBERNETES_VERSION
etcd etcdctl go.etcd.io/etcd/server/v3 $ETCD_VERSION
coredns coredns github.com/coredns/coredns $COREDNS_VERSION
local-path-provisioner local-path-provisioner github.com/rancher/local-path-provisioner $LOCAL_PATH_PROVISIONER_VERSION
PINS
}

# Kubernetes is minutes of CPU-bound compiling; the smaller builds (much of their time is module downloads)
# run beside it in the background.
build_go_components() {
  local small
  ( go_install kind sigs.k8s.io/kind "$KIND_VERSION"
    build_etcd
    go_install coredns github.com/coredns/coredns "$COREDNS_VERSION"
    go_install local-path-provisioner github.com/rancher/local-path-provisioner "$LOCAL_PATH_PROVISIONER_VERSION" ) >/dev/null &
  small=$!
  build_kubernetes
  wait "$small" || exit 1    # its own ERROR/FIX lines are printed already
}
