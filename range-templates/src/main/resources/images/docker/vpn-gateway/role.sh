# vpn-gateway: simulated remote-maintenance SSL-VPN portal on ENSHU_VPN_PORT (default 443, HTTPS,
# self-signed certificate). ENSHU_VPN_USERS "user:password;..." (default maint:maint2019), a
# secret: read from /etc/enshu/secrets in a subshell, kept only as salted PBKDF2 hashes in
# /etc/vpn-portal/passwd (as an appliance keeps them), and the file removed.
# Logs: /var/log/vpn/auth.log and /var/log/vpn/access.log (forwarded to the SOC).
enshu_init
# account states, kept across restarts of the portal (vpnctl changes them)
mkdir -p /etc/vpn-portal
if [ ! -f /etc/vpn-portal/passwd ]; then
  ( [ -f /etc/enshu/secrets ] && . /etc/enshu/secrets
    users="${ENSHU_VPN_USERS:-maint:maint2019}"
    [ -f /etc/vpn-portal/accounts ] || tr ';' '\n' <<<"$users" | cut -d: -f1 | sed '/^$/d; s/$/:enabled/' \
      >/etc/vpn-portal/accounts
    printf '%s' "$users" | python3 /usr/local/lib/enshu/vpn-portal.py --hash >/etc/vpn-portal/passwd )
  chmod 0600 /etc/vpn-portal/passwd
fi
rm -f /etc/enshu/secrets
enshu_syslog_start "/var/log/vpn/auth.log|sslvpn-auth" "/var/log/vpn/access.log|sslvpn-access"
setsid python3 /usr/local/lib/enshu/vpn-portal.py </dev/null >>/var/log/vpn/server.log 2>&1 &
echo $! >/run/enshu/vpn.pid
enshu_wait_tcp "${ENSHU_VPN_PORT:-443}" 10 || enshu_warn "portal is not listening"
