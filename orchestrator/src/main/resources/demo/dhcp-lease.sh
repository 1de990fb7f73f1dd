#!/usr/bin/env bash
# (Enshu demo defender, on the DHCP server) The last lease the server acknowledged for an address.
# Run as `bash -c SCRIPT dhcp-lease.sh ADDRESS`; the address is matched as a fixed string.
grep -h 'DHCPACK' /var/log/dhcp/dhcpd.log | grep -F -e " $1 " | tail -n 1
