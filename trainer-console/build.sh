#!/usr/bin/env bash
# Builds the console pages with the machine's node: `npm ci` only when package-lock.json changed
# since the last install (kept in node_modules/.enshu-installed), then `vite build` into dist/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v npm >/dev/null || { echo "trainer-console: npm not found; install nodejs and npm (scripts/setup.sh does)" >&2; exit 1; }
stamp=node_modules/.enshu-installed
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --prefer-offline
  cp package-lock.json "$stamp"
fi
npm run --silent build
