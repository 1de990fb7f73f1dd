#!/usr/bin/env bash
# (Enshu exercise) Sends a mail with a harmless zip attachment through the range's mail path;
# prints the attachment's SHA-256.
# Environment: SERVER, SENDER, RECIPIENT, SUBJECT (an RFC 2047 encoded word), BODY,
# ATTACHMENT (file name; empty for no attachment).
# Run on a range host as `env NAME=value... bash -c SCRIPT`: values arrive only as environment variables.
set -e
dir=$(mktemp -d)
printf 'Enshu exercise: a harmless stand-in for a malicious document.\n' > "$dir/document.txt"
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); z.write(sys.argv[2], "請求書.exe.txt"); z.close()' "$dir/a.zip" "$dir/document.txt"
args=(--server "$SERVER" --from "$SENDER" --to "$RECIPIENT" --header "Subject: $SUBJECT" \
      --header 'Content-Type: text/plain; charset=UTF-8' --body "$BODY" --silent 2)
if [ -n "$ATTACHMENT" ]; then
  args+=(--attach-type application/zip --attach-name "$ATTACHMENT" --attach "@$dir/a.zip")
fi
swaks "${args[@]}"
sha256sum "$dir/a.zip" | cut -d' ' -f1
rm -rf "$dir"
