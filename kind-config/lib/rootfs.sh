# Debian root filesystems made with debootstrap and imported into Docker; the image tag carries a hash
# of the suite and package list, so the Docker image store is the cache.
NODE_PACKAGES="systemd,systemd-sysv,dbus,containerd,runc,containernetworking-plugins,iptables,nftables,iproute2,conntrack,ethtool,util-linux,mount,kmod,procps,jq,ca-certificates,socat,e2fsprogs,bash,libseccomp2,ebtables,findutils"
COMPONENT_PACKAGES="iptables,nftables,iproute2,conntrack,ipset,ca-certificates,catatonit,procps,jq,curl,netcat-openbsd"
POSTGRES_PACKAGES="$COMPONENT_PACKAGES,postgresql-$POSTGRES_MAJOR"

# rootfs_image NAME PACKAGES: prints the tag of the imported rootfs image, building it when absent.
rootfs_image() {
  local name=$1 packages=$2 tag dir
  tag="shakedown/$name-rootfs:$DEBIAN_SUITE-$(printf '%s %s' "$DEBIAN_SUITE" "$packages" | sha256sum | cut -c1-12)"
  if ! docker image inspect "$tag" >/dev/null 2>&1; then
    ensure_debootstrap
    require_root_debian "running debootstrap"
    dir=$(mktemp -d "${TMPDIR:-/tmp}/shakedown-rootfs.XXXXXX")
    progress "debootstrap Debian $DEBIAN_SUITE for $name (about a minute)"
    run_logged "$SHAKEDOWN_CACHE/logs/debootstrap-$name.log" \
      debootstrap --variant=minbase --include="$packages" "$DEBIAN_SUITE" "$dir" "$DEBIAN_MIRROR"
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
    progress "importing the $name rootfs as $tag"
    tar -C "$dir" -c . | docker import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$tag" >/dev/null
    rm -rf "$dir"
  fi
  echo "$tag"
}

ensure_debootstrap() { command -v debootstrap >/dev/null || apt_install debootstrap; }

# Every rootfs a cold build needs, one after another; network- and IO-bound, so a cold build runs this in
# the background while Go compiles.
build_rootfs_images() {
  rootfs_image component "$COMPONENT_PACKAGES" >/dev/null
  rootfs_image node "$NODE_PACKAGES" >/dev/null
  rootfs_image postgres "$POSTGRES_PACKAGES" >/dev/null
}
