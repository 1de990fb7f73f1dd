#!/usr/bin/env bash
# Build the Enshu base image enshu/base:bookworm from Debian packages (no registry needed):
#   debootstrap --variant=minbase bookworm DIR MIRROR ; tar -C DIR -c . | docker import
# MIRROR is the Debian URI this machine's own apt sources use (fallback: deb.debian.org).
# Skips when the image already exists, unless --force is given.
# Usage: scripts/build-base-image.sh [--force] [--mirror URI]
set -euo pipefail

IMAGE="enshu/base:bookworm"
SUITE="bookworm"
FORCE=0
MIRROR=""

log() { printf '[build-base-image] %s\n' "$*"; }
die() { printf '[build-base-image] ERROR: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --force) FORCE=1 ;;
    --mirror) MIRROR="${2:?--mirror needs a URI}"; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
  shift
done

[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap needs it)"
command -v debootstrap >/dev/null || die "debootstrap missing: run scripts/setup-docker.sh"
docker info >/dev/null 2>&1 || die "docker does not answer: run scripts/setup-docker.sh"

if [ "$FORCE" -eq 0 ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  log "$IMAGE exists (use --force to rebuild)"
  exit 0
fi

# Print "URI SUITE..." for every enabled Debian source of this machine (one-line and deb822 styles).
apt_sources() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '$1=="deb" { i=2; if ($2 ~ /^\[/) { while (i<=NF && $i !~ /\]$/) i++; i++ }
                     uri=$i; s=""; for (j=i+1;j<=NF;j++) { if ($j ~ /^[a-z-]+$/ && s=="") s=$j }
                     print uri, s }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'BEGIN{RS=""; FS="\n"}
         { types=""; uris=""; suites=""; enabled="yes"
           for (i=1;i<=NF;i++) {
             if ($i ~ /^Types:/)   { types=$i;  sub(/^Types:[ \t]*/,"",types) }
             if ($i ~ /^URIs:/)    { uris=$i;   sub(/^URIs:[ \t]*/,"",uris) }
             if ($i ~ /^Suites:/)  { suites=$i; sub(/^Suites:[ \t]*/,"",suites) }
             if ($i ~ /^Enabled:[ \t]*no/) enabled="no" }
           if (enabled=="yes" && types ~ /(^| )deb( |$)/ && uris!="") {
             n=split(uris,u," "); for (k=1;k<=n;k++) print u[k], suites } }' "$f"
  done
}

if [ -z "$MIRROR" ]; then
  # A source that carries the main suite (bookworm / bookworm-updates), not the security one.
  MIRROR="$(apt_sources | awk -v s="$SUITE" '$0 ~ (" " s "( |$)") && $1 !~ /security/ {print $1; exit}')"
fi
SECURITY="$(apt_sources | awk -v s="$SUITE-security" '$0 ~ (" " s) {print $1; exit}')"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
MIRROR="${MIRROR%/}"
if [ -z "$SECURITY" ]; then
  case "$MIRROR" in
    */debian) SECURITY="${MIRROR}-security" ;;
    *) SECURITY="http://deb.debian.org/debian-security" ;;
  esac
fi
log "mirror: $MIRROR  security: $SECURITY"

WORK="$(mktemp -d /var/tmp/enshu-base.XXXXXX)"
cleanup() { umount -R "$WORK/root/proc" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
ROOT="$WORK/root"

start=$(date +%s)
log "debootstrap $SUITE into $ROOT"
debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
  tail -n 30 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }

# Apt sources for the images built on top of this base.
rm -f "$ROOT/etc/apt/sources.list"
cat >"$ROOT/etc/apt/sources.list.d/debian.sources" <<SRC
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $SECURITY
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC

# Lean images: no recommends, no docs/man pages/translations, no package caches.
cat >"$ROOT/etc/apt/apt.conf.d/90enshu" <<'APT'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
APT
cat >"$ROOT/etc/apt/apt.conf.d/91enshu-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT
cat >"$ROOT/etc/dpkg/dpkg.cfg.d/90enshu-nodoc" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
DPKG
# Services must not start while packages are installed during `docker build`.
cat >"$ROOT/usr/sbin/policy-rc.d" <<'RC'
#!/bin/sh
exit 101
RC
chmod 755 "$ROOT/usr/sbin/policy-rc.d"

rm -rf "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/apt/*.bin "$ROOT"/var/cache/apt/archives/*.deb \
       "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/* "$ROOT"/usr/share/info/* "$ROOT"/usr/share/locale/* \
       "$ROOT"/var/log/*.log "$ROOT"/var/log/apt/* "$ROOT"/tmp/* "$ROOT"/var/tmp/*
: >"$ROOT/etc/resolv.conf"
: >"$ROOT/etc/hostname"

log "importing into docker as $IMAGE"
tar -C "$ROOT" --numeric-owner -c . | docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV DEBIAN_FRONTEND=noninteractive' \
  --change 'CMD ["/bin/bash"]' \
  --message "Enshu base: debootstrap --variant=minbase $SUITE $MIRROR" \
  - "$IMAGE" >/dev/null
log "built $IMAGE in $(( $(date +%s) - start ))s ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
