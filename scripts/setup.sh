#!/usr/bin/env bash
# Installs and starts what Enshu needs on a fresh Debian 12 machine, as root without systemd.
# Safe to run again: it only installs what is missing and only starts what is not running.
#   - Java 17, Maven and shellcheck (the build);
#   - Docker engine (docker.io), debootstrap and iptables, dockerd and containerd started
#     (scripts/setup-docker.sh);
#   - nodejs/npm, chromium and qemu-system-x86 for the consoles' front end and tests
#     (scripts/setup-console.sh).
#   - libvirt, QEMU and a Debian guest kernel, virtlogd and libvirtd started
#     (scripts/setup-libvirt.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (the setup installs Debian packages and starts daemons)"

need=()
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v shellcheck >/dev/null 2>&1 || need+=(shellcheck)
if [ "${#need[@]}" -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1 || {
    apt-get update -qq
    apt-get install -y --no-install-recommends "${need[@]}"
  }
fi

"$here/setup-docker.sh"
"$here/setup-console.sh"
"$here/setup-libvirt.sh"
log "ready"
