#!/usr/bin/env bash
# What the console gateway's build and tests need, installed only when missing (idempotent):
#   - nodejs and npm: the trainer-console module builds xterm.js and noVNC pages with Vite;
#   - chromium: the browser test drives Debian's chromium headless (playwright-core, no download);
#   - fonts-ipafont-gothic: Japanese glyphs for the pages chromium renders (screenshots of the tour);
#   - qemu-system-x86: the VNC relay test talks RFB to a QEMU VNC display on loopback.
set -euo pipefail
log() { printf '[setup-console] %s\n' "$*"; }
[ "$(id -u)" -eq 0 ] || { echo "[setup-console] ERROR: run as root" >&2; exit 1; }
need=()
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-ipafont-gothic >/dev/null 2>&1 || need+=(fonts-ipafont-gothic)
command -v qemu-system-x86_64 >/dev/null 2>&1 || need+=(qemu-system-x86)
if [ "${#need[@]}" -eq 0 ]; then
  log "already installed: node, npm, chromium, Japanese fonts, qemu-system-x86_64"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
log "installing ${need[*]}"
apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1 || {
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${need[@]}"
}
