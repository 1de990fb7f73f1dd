#!/usr/bin/env bash
# (Enshu exercise) Leaves the trace of an SSH log-on with a stolen account in the host's auth log.
# Environment: ACCOUNT, FROM_ADDRESS.
# Run on a range host as `env NAME=value... bash -c SCRIPT`: values arrive only as environment variables.
logger -t sshd -p auth.info "Accepted password for $ACCOUNT from $FROM_ADDRESS port $((40000 + RANDOM % 20000)) ssh2"
echo "ssh log-on of $ACCOUNT from $FROM_ADDRESS recorded"
