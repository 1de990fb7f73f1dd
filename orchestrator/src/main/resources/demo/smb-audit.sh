#!/usr/bin/env bash
# (Enshu demo defender, on the file server) The last file-share audit lines that name an address.
# Run as `bash -c SCRIPT smb-audit.sh ADDRESS`; the address is matched as a fixed string.
grep -h 'smbd_audit' /var/log/syslog 2>/dev/null | grep -F -e "$1" | tail -n 5
