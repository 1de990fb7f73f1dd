# proxy: squid on 3128.
#   ENSHU_PROXY_ALLOW  comma-separated source CIDRs allowed to use the proxy
#                      (empty: the private ranges 10/8, 172.16/12, 192.168/16)
# Blocking: add a domain per line to /etc/squid/enshu-deny.txt (".c2.example.net" also blocks
# its subdomains), or an IP/CIDR to /etc/squid/enshu-deny-ip.txt, then `squid -k reconfigure`.
enshu_init
enshu_syslog_start "/var/log/squid/access.log|squid-access" "/var/log/squid/cache.log|squid-cache"
chown -R proxy:proxy /var/log/squid
: "${ENSHU_PROXY_ALLOW:=10.0.0.0/8,172.16.0.0/12,192.168.0.0/16}"
allow=(); enshu_split allow "$ENSHU_PROXY_ALLOW" ","
cat >/etc/squid/squid.conf <<CONF
# Enshu proxy (generated at start from ENSHU_PROXY_ALLOW; edit and run: squid -k reconfigure)
http_port 3128
visible_hostname ${ENSHU_HOST}

acl enshu_allow src ${allow[*]}
acl enshu_self src 127.0.0.1/32 ::1
# Trainee-maintained block lists (one entry per line).
acl enshu_deny dstdomain "/etc/squid/enshu-deny.txt"
acl enshu_deny_ip dst "/etc/squid/enshu-deny-ip.txt"
acl SSL_ports port 443 8443
acl Safe_ports port 80 443 8080 8443 1025-65535
acl CONNECT method CONNECT

http_access deny !Safe_ports
http_access deny CONNECT !SSL_ports
http_access allow localhost manager
http_access deny manager
http_access deny enshu_deny
http_access deny enshu_deny_ip
http_access allow enshu_allow
http_access allow localhost
http_access deny all

# Native squid log format; requests made on the proxy host itself (health checks) are not logged.
access_log daemon:/var/log/squid/access.log squid !enshu_self
cache_log /var/log/squid/cache.log
cache_store_log none
pid_filename /run/squid.pid
cache_mem 16 MB
coredump_dir /var/spool/squid
forwarded_for on
shutdown_lifetime 1 seconds
refresh_pattern . 0 20% 4320
CONF
squid -f /etc/squid/squid.conf || enshu_warn "squid failed to start"
enshu_wait_tcp 3128 15 || enshu_warn "squid is not listening on 3128"
