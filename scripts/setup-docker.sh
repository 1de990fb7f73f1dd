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
#   - keeps the engine's containers on their own btrfs filesystem with simple quotas
#     (/var/lib/enshu/docker, a sparse file /var/lib/enshu/docker-data.img mounted by loop), so
#     each range host's writable disk is limited and a host that fills it fills neither the
#     host machine's disk nor another team's (overlay2 would need xfs project quotas, which this
#     kernel lacks; btrfs's full quota accounting makes every container removal cost seconds of
#     CPU, simple quotas do not).
#   - turns on the engine's live restore (/etc/docker/daemon.json, reloaded into a running
#     daemon): containers keep running while dockerd restarts (an upgrade, a crash), so a running
#     exercise carries on; a daemon.json that sets it false is respected, with a warning.
# The host sysctl net.netfilter.nf_log_all_netns is NOT needed: firewall containers log drops
# with `log group N` (NFLOG), which works per network namespace; only the kernel-log `log`
# target (without group) is silenced in containers, and Enshu does not use it.
set -euo pipefail

WAIT_SECS="${ENSHU_DOCKER_WAIT_SECS:-60}"
PACKAGES=(docker.io debootstrap iptables btrfs-progs util-linux python3)
DATA_ROOT="${ENSHU_DOCKER_DATA_ROOT:-/var/lib/enshu/docker}"
DATA_IMAGE="${ENSHU_DOCKER_DATA_IMAGE:-/var/lib/enshu/docker-data.img}"
DATA_SIZE="${ENSHU_DOCKER_DATA_SIZE:-64G}"
PID_FILE=/var/run/enshu-dockerd.pid

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

# The btrfs filesystem the engine keeps its containers on, mounted and with simple quotas on.
prepare_data_root() {
  mkdir -p "$DATA_ROOT" "$(dirname "$DATA_IMAGE")"
  if ! mountpoint -q "$DATA_ROOT"; then
    if [ ! -f "$DATA_IMAGE" ]; then
      log "creating the engine's btrfs store $DATA_IMAGE ($DATA_SIZE, sparse)"
      truncate -s "$DATA_SIZE" "$DATA_IMAGE"
      mkfs.btrfs -q -f "$DATA_IMAGE" >/dev/null
    fi
    mount -o loop "$DATA_IMAGE" "$DATA_ROOT" || die "cannot mount $DATA_IMAGE on $DATA_ROOT"
  fi
  [ "$(stat -f -c %T "$DATA_ROOT")" = btrfs ] || die "$DATA_ROOT is not a btrfs filesystem"
}

# The quota mode of the engine's filesystem: squota (simple), qgroup (full) or none (off); empty
# while the kernel is turning quotas off.
quota_mode() {
  local uuid
  uuid="$(findmnt -no UUID "$DATA_ROOT")"
  if [ -d "/sys/fs/btrfs/$uuid/qgroups" ]; then
    cat "/sys/fs/btrfs/$uuid/qgroups/mode" 2>/dev/null || true
  else
    echo none
  fi
}

# BTRFS_IOC_QUOTA_CTL with a command: 2 turns quotas off, 4 turns simple quotas on (this release's
# btrfs-progs cannot turn simple quotas on, the ioctl can).
quota_ctl() {
  python3 - "$DATA_ROOT" "$1" <<'PY'
import fcntl, os, struct, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
fcntl.ioctl(fd, 0xC0109428, struct.pack("QQ", int(sys.argv[2]), 0))
PY
}

# Simple quotas (Linux 6.7+) on the engine's filesystem, whatever state they were left in. dockerd
# turns quotas off when it stops, and turns *full* quotas on when it finds them off at its first
# container with a size: full quotas count the image's own files against each container's limit
# (an image larger than the limit cannot start) and make every container removal cost seconds of
# CPU. Turning quotas off drops every limit, so the engine's own record of its containers' sizes
# ($DATA_ROOT/btrfs/quotas) is applied again: containers that ran on through a restart (live
# restore) are limited again, not only those started afterwards.
ensure_simple_quotas() {
  local mode changed=0 f id
  for _ in $(seq 1 60); do
    mode="$(quota_mode)"
    case "$mode" in
      squota) break ;;
      qgroup)
        log "btrfs quotas on $DATA_ROOT are in full mode: turning them off for simple quotas"
        quota_ctl 2 2>/dev/null || true
        changed=1 ;;
      none)
        quota_ctl 4 2>/dev/null && log "btrfs simple quotas on for $DATA_ROOT"
        changed=1 ;;
      *) ;; # being turned off
    esac
    sleep 0.5
  done
  [ "$(quota_mode)" = squota ] \
    || die "cannot turn on btrfs simple quotas on $DATA_ROOT (needs Linux 6.7 or later; mode: $(quota_mode))"
  if [ "$changed" = 1 ] && [ -d "$DATA_ROOT/btrfs/quotas" ]; then
    for f in "$DATA_ROOT"/btrfs/quotas/*; do
      [ -f "$f" ] || continue
      id="$(basename "$f")"
      if [ -d "$DATA_ROOT/btrfs/subvolumes/$id" ]; then
        btrfs qgroup limit "$(cat "$f")" "$DATA_ROOT/btrfs/subvolumes/$id" \
          || die "cannot limit the disk of container layer $id again"
      fi
    done
    log "container disk limits applied again from $DATA_ROOT/btrfs/quotas"
  fi
}

DAEMON_JSON="${ENSHU_DOCKER_DAEMON_JSON:-/etc/docker/daemon.json}"

# live-restore in daemon.json (not as a flag: dockerd refuses a setting given both ways), added
# when missing; the file's other settings are kept.
ensure_live_restore_setting() {
  mkdir -p "$(dirname "$DAEMON_JSON")"
  python3 - "$DAEMON_JSON" <<'PY' || die "cannot read or write $DAEMON_JSON"
import json, os, sys
path = sys.argv[1]
config = {}
if os.path.exists(path) and os.path.getsize(path) > 0:
    with open(path) as f:
        config = json.load(f)
if "live-restore" not in config:
    config["live-restore"] = True
    with open(path, "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
elif config["live-restore"] is not True:
    print("[setup-docker] warning: %s sets live-restore to %s: range containers stop when"
          " dockerd restarts (the server starts them again)" % (path, config["live-restore"]))
PY
}

# A running daemon reads daemon.json again on SIGHUP; live-restore is one of the settings it reloads.
reload_live_restore() {
  local enabled
  enabled="$(timeout 10 docker info --format '{{.LiveRestoreEnabled}}' 2>/dev/null || true)"
  if [ "$enabled" != true ] && grep -q '"live-restore": true' "$DAEMON_JSON"; then
    log "reloading dockerd's configuration to turn live restore on"
    pkill -HUP -x dockerd || true
  fi
}

# The storage driver of the answering engine.
engine_driver() { timeout 10 docker info --format '{{.Driver}}' 2>/dev/null; }

# containerd runs the engine's containers; a dockerd that answers without it cannot start any
# (it reconnects once containerd is back), so it is started whenever it is not running.
start_containerd() {
  if ! pgrep -x containerd >/dev/null 2>&1; then
    log "starting containerd (log: /var/log/enshu-containerd.log)"
    mkdir -p /var/log /run
    setsid nohup containerd >>/var/log/enshu-containerd.log 2>&1 </dev/null &
    for _ in $(seq 1 20); do
      [ -S /run/containerd/containerd.sock ] && timeout 5 ctr version >/dev/null 2>&1 && break
      sleep 0.5
    done
  fi
}

ensure_live_restore_setting
if docker_ok; then
  start_containerd
  driver="$(engine_driver)"
  if [ "$driver" = btrfs ]; then
    log "docker already answers (storage driver btrfs)"
    ensure_simple_quotas
    reload_live_restore
    exit 0
  fi
  if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    log "restarting the Enshu-started dockerd onto the btrfs store (it used $driver)"
    kill "$(cat "$PID_FILE")"
    for _ in $(seq 1 60); do kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break; sleep 1; done
  else
    log "warning: a dockerd started elsewhere answers with storage driver '$driver', which cannot"
    log "  limit a range host's disk; Enshu refuses to provision on it unless"
    log "  enshu.docker.allow-unbounded-disk=true. To use the btrfs store, stop that dockerd and"
    log "  run this script again."
    exit 0
  fi
fi
prepare_data_root
ensure_simple_quotas

mkdir -p /var/log /run
start_containerd

if ! pgrep -x dockerd >/dev/null 2>&1; then
  # A stale pid file left by a killed daemon stops dockerd from starting.
  for f in /var/run/docker.pid "$PID_FILE"; do
    if [ -f "$f" ] && ! kill -0 "$(cat "$f")" 2>/dev/null; then rm -f "$f"; fi
  done
  log "starting dockerd (log: /var/log/enshu-dockerd.log)"
  args=()
  [ -S /run/containerd/containerd.sock ] && args+=(--containerd=/run/containerd/containerd.sock)
  args+=(--config-file "$DAEMON_JSON" --data-root "$DATA_ROOT" --storage-driver btrfs --pidfile "$PID_FILE")
  setsid nohup dockerd "${args[@]}" >>/var/log/enshu-dockerd.log 2>&1 </dev/null &
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
# the engine may have turned quotas off again on its way down after the check above
ensure_simple_quotas
log "docker is ready: $(docker version --format '{{.Server.Version}}' 2>/dev/null), storage driver $(engine_driver)"
