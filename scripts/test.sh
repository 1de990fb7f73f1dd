#!/usr/bin/env bash
# The test command: sets the machine up (scripts/setup.sh), then builds Enshu and runs every test,
# unit and integration, against the real engines.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root"
mvn -B verify "$@"
