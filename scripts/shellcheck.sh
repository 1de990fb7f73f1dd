#!/usr/bin/env bash
# Checks every shell script under orchestrator/src/main/resources and scripts/ with shellcheck; any
# finding fails. The orchestrator's build runs it (validate phase); it can also be run by hand.
# A finding may be disabled only inline, on its line, with the reason in a comment.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v shellcheck >/dev/null 2>&1; then
  echo "shellcheck is missing: run scripts/setup.sh (as root), which installs the Debian package shellcheck" >&2
  exit 1
fi

mapfile -d '' scripts < <(find "$root/orchestrator/src/main/resources" "$root/scripts" \
  -type f -name '*.sh' -print0 | sort -z)
if [ "${#scripts[@]}" -eq 0 ]; then
  echo "shellcheck: no scripts found under $root (expected orchestrator/src/main/resources and scripts)" >&2
  exit 1
fi
if ! shellcheck "${scripts[@]}"; then
  echo "shellcheck: findings above; fix them (or disable one inline with the reason)" >&2
  exit 1
fi
echo "shellcheck $(shellcheck --version | sed -n 's/^version: //p'): ${#scripts[@]} scripts, no findings"
