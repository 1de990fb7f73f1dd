#!/usr/bin/env bash
# Runs an npm script of the trainer console with the machine's node (default: build, which
# type-checks and runs `vite build` into dist/; `lint` runs ESLint, failing on any warning; `test`
# runs the Vitest unit tests). Installs with `npm ci` only when package-lock.json changed since the
# last install (kept in node_modules/.enshu-installed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v npm >/dev/null || { echo "trainer-console: npm not found; install nodejs and npm (scripts/setup.sh does)" >&2; exit 1; }
stamp=node_modules/.enshu-installed
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --prefer-offline
  cp package-lock.json "$stamp"
fi
npm run --silent "${1:-build}"
