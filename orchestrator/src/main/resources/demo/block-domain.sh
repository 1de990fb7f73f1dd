#!/usr/bin/env bash
# (Enshu demo defender, on the proxy) Adds a domain to the proxy's deny list and reloads the proxy.
# Run as `bash -c SCRIPT block-domain.sh DOMAIN`: the domain comes from the proxy's log, which the
# range's users write, so it arrives only as an argument and is written as data.
printf '%s\n' "$1" >> /etc/squid/enshu-deny.txt && squid -k reconfigure
