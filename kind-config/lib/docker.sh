# Makes sure a Docker engine answers, installing and starting Debian's docker.io when none does.
RUNC_WRAPPER=/usr/local/libexec/shakedown/shakedown-runc
DOCKERD_LOG=/var/log/shakedown-dockerd.log

host_lacks_sys_resource() {
  local capbnd
  capbnd=$(sed -n 's/^CapBnd:[[:space:]]*//p' /proc/self/status)
  [ $(( 0x$capbnd >> 24 & 1 )) -eq 0 ]
}

docker_answers() { timeout 10 docker info >/dev/null 2>&1; }

# Registers the runc wrapper as dockerd's default runtime (only where the host needs it).
install_runc_wrapper() {
  if ! host_lacks_sys_resource; then
    progress "host grants CAP_SYS_RESOURCE: dockerd keeps plain runc"
    return 0
  fi
  command -v jq >/dev/null || apt_install jq
  install -D -m 0755 "$SHAKEDOWN_KIND_CONFIG/node/usr/local/sbin/shakedown-runc" "$RUNC_WRAPPER"
  local cfg=/etc/docker/daemon.json
  mkdir -p /etc/docker
  [ -s "$cfg" ] || echo '{}' >"$cfg"
  jq --arg p "$RUNC_WRAPPER" '.runtimes["shakedown-runc"] = {path: $p} | ."default-runtime" = "shakedown-runc"' "$cfg" >"$cfg.new"
  if ! cmp -s "$cfg" "$cfg.new"; then
    progress "host lacks CAP_SYS_RESOURCE in its bounding set: registered the runc wrapper as dockerd's default runtime"
    mv "$cfg.new" "$cfg"
    return 1   # configuration changed: a running dockerd must be restarted
  fi
  progress "host lacks CAP_SYS_RESOURCE in its bounding set: dockerd runs containers through the runc wrapper"
  rm -f "$cfg.new"
}

start_dockerd() {
  progress "starting dockerd in the background (log: $DOCKERD_LOG)"
  nohup dockerd >"$DOCKERD_LOG" 2>&1 9>&- &   # 9 is the cluster lock: the daemon must not inherit it
  timeout 60 sh -c 'until docker info >/dev/null 2>&1; do sleep 1; done' \
    || die "dockerd did not answer within 60 s" "read $DOCKERD_LOG"
}

ensure_docker() {
  progress "checking the Docker engine"
  if docker_answers; then
    if [ "$(id -u)" = 0 ] && command -v dockerd >/dev/null && ! install_runc_wrapper && pgrep -x dockerd >/dev/null; then
      progress "restarting dockerd to pick up the runc wrapper"
      pkill -x dockerd; timeout 30 sh -c 'while pgrep -x dockerd >/dev/null; do sleep 1; done'
      start_dockerd
    fi
    return 0
  fi
  [ "$(id -u)" = 0 ] || die "no Docker engine answers, and starting one needs root (this shell is uid $(id -u))" \
    "start Docker as root (or give this user access to a running engine's socket), then rerun"
  command -v dockerd >/dev/null || apt_install docker.io
  require_root_debian "starting dockerd"
  install_runc_wrapper || true
  start_dockerd
  progress "Docker $(docker version --format '{{.Server.Version}}') answers"
}
