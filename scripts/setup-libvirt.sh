#!/usr/bin/env bash
# Prepare this machine to run Enshu ranges with the libvirt provider.
#
# Idempotent and safe to re-run, as root, without systemd:
#   - installs libvirt, QEMU, qemu-utils, a Debian kernel for the guests (linux-image-cloud-amd64),
#     qemu-guest-agent's .deb (put into each guest's root file system), e2fsprogs;
#   - creates the QEMU user when missing (libvirtd refuses to start without it);
#   - starts virtlogd and libvirtd in the background when they are not running
#     (logs: /var/log/enshu-virtlogd.log, /var/log/enshu-libvirtd.log);
#   - waits (bounded) until `virsh -c qemu:///system version` answers.
# libvirtd looks for iptables when it starts, so iptables is installed before it starts.
set -euo pipefail

WAIT_SECS="${ENSHU_LIBVIRT_WAIT_SECS:-60}"
PACKAGES=(libvirt-daemon libvirt-daemon-driver-qemu libvirt-daemon-system libvirt-clients
  qemu-system-x86 qemu-utils iptables dnsmasq-base linux-image-cloud-amd64 e2fsprogs)

log() { printf '[setup-libvirt] %s\n' "$*"; }
die() { printf '[setup-libvirt] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root"

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  # policy-rc.d: no service starts from package scripts (there is no init system to ask)
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  if ! apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    log "updating package lists"
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    log "installing: ${missing[*]}"
    apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}"
  fi
else
  log "packages already installed"
fi

# The guest agent is installed inside each guest image (downloaded as a .deb, not on the host).
agent_dir=/var/lib/enshu/libvirt/debs
if ! ls "$agent_dir"/qemu-guest-agent_*.deb >/dev/null 2>&1; then
  mkdir -p "$agent_dir"
  (cd "$agent_dir" && apt-get download qemu-guest-agent >/dev/null 2>&1) || {
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    (cd "$agent_dir" && apt-get download qemu-guest-agent)
  }
  log "downloaded $(ls "$agent_dir")"
fi

if ! getent group libvirt-qemu >/dev/null && ! getent group kvm >/dev/null; then
  groupadd -r kvm
fi
if ! id libvirt-qemu >/dev/null 2>&1; then
  useradd -r -g kvm -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu
  log "created user libvirt-qemu"
fi
mkdir -p /var/log/libvirt/qemu /var/run/libvirt /var/lib/libvirt/images /var/lib/enshu/libvirt
# Guests run as the unprivileged QEMU user, not root: a trainee who broke out of QEMU would hold
# that user's rights only. libvirt's dynamic ownership gives each guest's overlay and settings disk
# to that user while the guest runs (the base images and the kernel only need to be readable).
# The product's block in qemu.conf is replaced whole when it changes; libvirtd restarts to read it
# (running guests keep running, libvirtd finds them again).
qemu_group="$(id -gn libvirt-qemu)"
header="# enshu: guests run as libvirt-qemu:$qemu_group, VNC on loopback"
restart_libvirtd=0
if ! grep -qxF "$header" /etc/libvirt/qemu.conf 2>/dev/null; then
  # the block of this script, this version's or an earlier one's, ends with its vnc_listen line
  [ -f /etc/libvirt/qemu.conf ] && sed -i '/^# enshu/,/^vnc_listen/d' /etc/libvirt/qemu.conf
  cat >>/etc/libvirt/qemu.conf <<EOF
$header
user = "libvirt-qemu"
group = "$qemu_group"
dynamic_ownership = 1
vnc_listen = "127.0.0.1"
EOF
  log "qemu.conf: guests run as libvirt-qemu:$qemu_group"
  restart_libvirtd=1
fi

if ! pgrep -x virtlogd >/dev/null; then
  log "starting virtlogd"
  virtlogd -d
fi
if [ "$restart_libvirtd" = 1 ] && pgrep -x libvirtd >/dev/null; then
  log "restarting libvirtd to read qemu.conf"
  pkill -x libvirtd
  for _ in $(seq 1 30); do pgrep -x libvirtd >/dev/null || break; sleep 1; done
fi
if ! pgrep -x libvirtd >/dev/null; then
  log "starting libvirtd"
  setsid nohup libvirtd >/var/log/enshu-libvirtd.log 2>&1 &
fi

for _ in $(seq 1 "$WAIT_SECS"); do
  if timeout 10 virsh -c qemu:///system version >/dev/null 2>&1; then
    log "libvirtd answers on qemu:///system"
    exit 0
  fi
  sleep 1
done
die "libvirtd did not answer on qemu:///system within ${WAIT_SECS} s (see /var/log/enshu-libvirtd.log)"
