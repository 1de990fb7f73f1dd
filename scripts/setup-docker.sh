#!/usr/bin/env bash
# Prepare this machine to run Enshu ranges with the docker provider.
#
# Idempotent and safe to re-run, as root, without systemd:
#   - installs docker.io, debootstrap and iptables (only what is missing);
#   - starts containerd and dockerd in the background when they are not running
#     (logs: /var/log/enshu-containerd.log, /var/log/enshu-dockerd.log);
#   - waits (bounded) until `docker info` answers;
#   - leaves the host's firewall to the server: its host guard (range/HostGuard) owns the chains
#     ENSHU-INPUT and ENSHU-FORWARD, which keep range bridges (ensh*) off the host and let
#     firewall containers route between their segments; it removes the DOCKER-USER rule earlier
#     versions of this script added, which accepted bridged frames on every bridge of the machine.
# The host sysctl net.netfilter.nf_log_all_netns is NOT needed: firewall containers log drops
# with `log group N` (NFLOG), which works per network namespace; only the kernel-log `log`
# target (without group) is silenced in containers, and Enshu does not use it.
set -euo pipefail

WAIT_SECS="${ENSHU_DOCKER_WAIT_SECS:-60}"
PACKAGES=(docker.io debootstrap iptables)

log() { printf '[setup-docker] %s\n' "$*"; }
die() { printf '[setup-docker] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root"

# Wait for another apt/dpkg run (e.g. an unattended install) to release its locks.
wait_for_dpkg() {
  local i
  for i in $(seq 1 120); do
    if ! fuser /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock >/dev/null 2>&1; then
      return 0
    fi
    [ "$i" -eq 1 ] && log "waiting for another apt/dpkg process to finish..."
    sleep 2
  done
  die "dpkg/apt lock still held after 240 s"
}

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  command -v fuser >/dev/null 2>&1 && wait_for_dpkg
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    log "updating package lists"
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    log "installing: ${missing[*]}"
    apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}"
  fi
else
  log "packages already installed: ${PACKAGES[*]}"
fi

docker_ok() { timeout 10 docker info >/dev/null 2>&1; }

if docker_ok; then
  log "docker already answers"
  exit 0
fi

mkdir -p /var/log /run
if ! pgrep -x containerd >/dev/null 2>&1; then
  log "starting containerd (log: /var/log/enshu-containerd.log)"
  nohup containerd >>/var/log/enshu-containerd.log 2>&1 </dev/null &
  for _ in $(seq 1 20); do
    [ -S /run/containerd/containerd.sock ] && break
    sleep 0.5
  done
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  # A stale pid file left by a killed daemon stops dockerd from starting.
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    rm -f /var/run/docker.pid
  fi
  log "starting dockerd (log: /var/log/enshu-dockerd.log)"
  args=()
  [ -S /run/containerd/containerd.sock ] && args+=(--containerd=/run/containerd/containerd.sock)
  nohup dockerd "${args[@]}" >>/var/log/enshu-dockerd.log 2>&1 </dev/null &
fi

log "waiting up to ${WAIT_SECS}s for docker to answer"
deadline=$(( $(date +%s) + WAIT_SECS ))
until docker_ok; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    tail -n 20 /var/log/enshu-dockerd.log >&2 2>/dev/null || true
    die "docker did not answer within ${WAIT_SECS}s; see /var/log/enshu-dockerd.log"
  fi
  sleep 1
done
log "docker is ready: $(docker version --format '{{.Server.Version}}' 2>/dev/null)"
