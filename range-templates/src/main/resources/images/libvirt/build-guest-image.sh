#!/usr/bin/env bash
# Builds the qcow2 base disk of one role's guest from the role's container image, so that a VM host
# behaves like a container host (same packages, same enshu-entrypoint and enshu-ready):
#   docker export enshu/<role>:latest -> directory; + the guest kernel's /lib/modules;
#   + qemu-guest-agent and kmod (installed in a chroot from the Debian mirror, the apt cache kept
#   in /var/lib/enshu/libvirt/apt-cache); + /sbin/enshu-vm-init; mkfs.ext4 -d -> qcow2.
# Usage: build-guest-image.sh ROLE KERNEL_VERSION OUT.qcow2   (as root; OUT is written atomically)
set -euo pipefail
role="$1"; kver="$2"; out="$3"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
image="enshu/${role}:latest"
cache=/var/lib/enshu/libvirt/apt-cache
work="$(mktemp -d /var/tmp/enshu-guest-${role}.XXXXXX)"
cid=""
cleanup() {
  umount "$work/root/proc" "$work/root/var/cache/apt/archives" 2>/dev/null || true
  [ -n "$cid" ] && docker rm -f "$cid" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

docker image inspect "$image" >/dev/null 2>&1 || { echo "image $image is missing (build the container images first: ./enshu images)" >&2; exit 2; }
mkdir -p "$work/root" "$cache"
cid="$(docker create "$image")"
docker export "$cid" | tar -x -C "$work/root"
docker rm -f "$cid" >/dev/null; cid=""

mkdir -p "$work/root/lib/modules"
cp -a "/lib/modules/$kver" "$work/root/lib/modules/"
rm -f "$work/root/.dockerenv"

# qemu-guest-agent (the exec channel) and kmod (modprobe for nftables and friends)
cp /etc/resolv.conf "$work/root/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$work/root/usr/sbin/policy-rc.d"; chmod +x "$work/root/usr/sbin/policy-rc.d"
mount -t proc proc "$work/root/proc"
mkdir -p "$work/root/var/cache/apt/archives"
mount --bind "$cache" "$work/root/var/cache/apt/archives"
chroot "$work/root" sh -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq --no-install-recommends qemu-guest-agent kmod util-linux >/dev/null' 
umount "$work/root/var/cache/apt/archives" "$work/root/proc"
rm -rf "$work/root/var/lib/apt/lists/"* "$work/root/usr/sbin/policy-rc.d"
: >"$work/root/etc/resolv.conf"
chroot "$work/root" depmod "$kver"

install -m 0755 "$here/enshu-vm-init" "$work/root/sbin/enshu-vm-init"
printf 'ttyS0\n' >>"$work/root/etc/securetty" 2>/dev/null || true
# the serial console's login shell (the gateway's terminal on a VM) reads UTF-8: pam_env takes the
# locale from here; without it bash's readline turns each byte of a Japanese character into a key
printf 'LANG=C.UTF-8\n' >"$work/root/etc/default/locale"

size_mb=$(( $(du -sm "$work/root" | cut -f1) + 768 ))
mkfs.ext4 -q -F -L enshu-root -d "$work/root" "$work/disk.raw" "${size_mb}M"
mkdir -p "$(dirname "$out")"
qemu-img convert -f raw -O qcow2 "$work/disk.raw" "$out.tmp"
mv "$out.tmp" "$out"
echo "built $out ($(du -h "$out" | cut -f1)) for role $role"
