#!/usr/bin/env bash
# (Enshu demo defender, on the proxy) The last proxy log lines that fetched a /beacon URL.
# Run as `bash -c SCRIPT beacons.sh`; takes no arguments.
grep '/beacon' /var/log/squid/access.log | tail -n 20
