# Logging, failure and cache helpers shared by every kind-config piece. Sourced, never run.
SHAKEDOWN_START=${SHAKEDOWN_START:-$(date +%s)}
SHAKEDOWN_CACHE=${SHAKEDOWN_CACHE:-$HOME/.cache/shakedown}

progress() { printf '[shakedown %4ss] %s\n' "$(( $(date +%s) - SHAKEDOWN_START ))" "$*" >&2; }

# die WHAT FIX: one clear line naming what is wrong and how to fix it.
die() { printf '[shakedown] ERROR: %s\n[shakedown] FIX:   %s\n' "$1" "$2" >&2; exit 1; }

# Runs a long command with its output in a log file; on failure prints the log's tail and dies.
run_logged() {
  local log=$1; shift
  mkdir -p "$(dirname "$log")"
  if ! "$@" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "command failed: $* (full log: $log)" "read the log above; rerun '$0 $SHAKEDOWN_SUBCOMMAND' after fixing the cause"
  fi
}

# require_root_debian WHAT: dies unless this is root on a Debian host (WHAT = what needs it, e.g. "installing jq").
require_root_debian() {
  [ "$(id -u)" = 0 ] || die "$1 needs root, and this shell is uid $(id -u)" "run as root, or do it yourself ($1) and rerun"
  command -v apt-get >/dev/null || die "$1 needs a Debian host (apt-get), which this is not" "do it with your system's tools ($1) and rerun"
}

apt_install() {
  require_root_debian "installing $*"
  progress "installing Debian packages: $*"
  run_logged "$SHAKEDOWN_CACHE/logs/apt.log" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $*"
}

# retry SECONDS COMMAND...: reruns COMMAND every 2 s until it succeeds; fails once SECONDS have passed.
retry() {
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 2
  done
}
