# dhcp: dnsmasq DHCP server (no DNS), port 67/udp.
#   ENSHU_DHCP_SCOPES        "subnetcidr routerip;..."  one per served segment (local or relayed)
#   ENSHU_DHCP_RESERVATIONS  "mac ip hostname;..."      only these clients get a lease (no pool)
#   ENSHU_DHCP_LEASE         lease time (default 12h)
# Clients also get ENSHU_DNS as DNS servers and ENSHU_DOMAIN as domain. Relayed requests are
# answered to the relay's address: the range must route that segment back (ENSHU_ROUTES).
# Leases: /var/lib/misc/dnsmasq.leases; log: /var/log/dnsmasq/dhcp.log (forwarded).
enshu_init
enshu_syslog_start "/var/log/dnsmasq/dhcp.log|dhcpd"
: "${ENSHU_DHCP_SCOPES:=}" "${ENSHU_DHCP_RESERVATIONS:=}" "${ENSHU_DHCP_LEASE:=12h}"
{
  echo "# generated from ENSHU_DHCP_* at $(date -Is)"
  echo "port=0"
  echo "user=root"
  echo "pid-file=/run/dnsmasq-dhcp.pid"
  echo "log-dhcp"
  echo "log-async=50"
  echo "log-facility=/var/log/dnsmasq/dhcp.log"
  echo "dhcp-leasefile=/var/lib/misc/dnsmasq.leases"
  echo "dhcp-authoritative"
  scopes=(); enshu_split scopes "$ENSHU_DHCP_SCOPES"
  i=0
  for s in "${scopes[@]}"; do
    read -r cidr router _ <<<"$s"
    read -r net mask < <(python3 -c 'import ipaddress,sys; n=ipaddress.ip_network(sys.argv[1], strict=False); print(n.network_address, n.netmask)' "$cidr") || continue
    echo "dhcp-range=set:scope$i,$net,static,$mask,$ENSHU_DHCP_LEASE"
    [ -n "$router" ] && echo "dhcp-option=tag:scope$i,option:router,$router"
    i=$((i + 1))
  done
  [ -n "$ENSHU_DNS" ] && echo "dhcp-option=option:dns-server,$ENSHU_DNS"
  [ -n "$ENSHU_DOMAIN" ] && echo "dhcp-option=option:domain-name,$ENSHU_DOMAIN" && echo "domain=$ENSHU_DOMAIN"
  res=(); enshu_split res "$ENSHU_DHCP_RESERVATIONS"
  for r in "${res[@]}"; do
    read -r mac ip name _ <<<"$r"
    [ -n "$mac" ] && [ -n "$ip" ] && echo "dhcp-host=$mac,$ip${name:+,$name},$ENSHU_DHCP_LEASE"
  done
} >/etc/dnsmasq.d/enshu-dhcp.conf
touch /var/lib/misc/dnsmasq.leases
dnsmasq --conf-file=/etc/dnsmasq.d/enshu-dhcp.conf || enshu_warn "dnsmasq (DHCP) failed to start"
