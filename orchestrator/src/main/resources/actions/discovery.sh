#!/usr/bin/env bash
# (Enshu exercise) Runs discovery commands as the host's user, as an attacker at its keyboard would;
# prints how many lines of output they gave.
# Environment: OWNER, COMMANDS (one command a line).
# Run on a range host as `env NAME=value... bash -c SCRIPT`: values arrive only as environment variables.
owner="${OWNER:-root}"
home=$(getent passwd "$owner" | cut -d: -f6)
while IFS= read -r command; do
  [ -n "$command" ] || continue
  runuser -u "$owner" -- bash -c "$command" >> /tmp/.enshu-d.$$ 2>&1 || true
  [ -n "$home" ] && printf '%s\n' "$command" >> "$home/.bash_history"
done <<< "$COMMANDS"
logger -t bash -p user.info "user=$owner commands=$(printf '%s' "$COMMANDS" | tr '\n' ';')"
wc -l < /tmp/.enshu-d.$$; rm -f /tmp/.enshu-d.$$
