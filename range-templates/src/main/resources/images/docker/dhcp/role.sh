# dhcp: ISC DHCP server, port 67/udp (raw sockets: NET_RAW, no NET_ADMIN).
#   ENSHU_DHCP_SCOPES        "subnetcidr routerip;..."  one per served segment (local or relayed)
#   ENSHU_DHCP_RESERVATIONS  "mac ip hostname;..."      only these clients get a lease (no pool)
#   ENSHU_DHCP_LEASE         lease time (default 12h; s, m, h or d)
# Clients also get ENSHU_DNS as DNS servers and ENSHU_DOMAIN as domain. Relayed requests are
# answered to the relay's address: the range must route that segment back (ENSHU_ROUTES).
# Leases: /var/lib/dhcp/dhcpd.leases; log: /var/log/dhcp/dhcpd.log (forwarded, tag dhcpd).
enshu_init
enshu_syslog_start "/var/log/dhcp/dhcpd.log|dhcpd"
: "${ENSHU_DHCP_SCOPES:=}" "${ENSHU_DHCP_RESERVATIONS:=}" "${ENSHU_DHCP_LEASE:=12h}"
lease="$ENSHU_DHCP_LEASE"
case "$lease" in
  *d) lease=$(( ${lease%d} * 86400 )) ;; *h) lease=$(( ${lease%h} * 3600 )) ;;
  *m) lease=$(( ${lease%m} * 60 )) ;; *s) lease="${lease%s}" ;;
esac
netmask() { python3 -c 'import ipaddress,sys; n=ipaddress.ip_network(sys.argv[1], strict=False); print(n.network_address, n.netmask)' "$1"; }
conf=/etc/dhcp/dhcpd.conf
{
  echo "# generated from ENSHU_DHCP_* at $(date -Is)"
  echo "authoritative;"
  echo "ddns-update-style none;"
  echo "default-lease-time $lease;"
  echo "max-lease-time $lease;"
  [ -n "$ENSHU_DNS" ] && echo "option domain-name-servers ${ENSHU_DNS//,/, };"
  [ -n "$ENSHU_DOMAIN" ] && echo "option domain-name \"$ENSHU_DOMAIN\";"
  declare -A declared=()
  scopes=(); enshu_split scopes "$ENSHU_DHCP_SCOPES"
  for s in "${scopes[@]}"; do
    read -r cidr router _ <<<"$s"
    read -r net mask < <(netmask "$cidr") || continue
    declared[$net]=1
    echo "subnet $net netmask $mask {"
    [ -n "$router" ] && echo "  option routers $router;"
    echo "}"
  done
  # dhcpd listens only on interfaces whose own subnet is declared.
  for a in $(ip -4 -o addr show scope global | awk '{print $4}'); do
    read -r net mask < <(netmask "$a") || continue
    [ -n "${declared[$net]:-}" ] || { declared[$net]=1; echo "subnet $net netmask $mask { }"; }
  done
  res=(); enshu_split res "$ENSHU_DHCP_RESERVATIONS"
  i=0
  for r in "${res[@]}"; do
    read -r mac ip name _ <<<"$r"
    [ -n "$mac" ] && [ -n "$ip" ] || continue
    echo "host ${name:-client$i} { hardware ethernet $mac; fixed-address $ip;${name:+ option host-name \"$name\";} }"
    i=$((i + 1))
  done
} >"$conf"
mkdir -p /var/lib/dhcp /var/log/dhcp
touch /var/lib/dhcp/dhcpd.leases
[ -f /run/dhcpd.pid ] && kill "$(cat /run/dhcpd.pid)" 2>/dev/null && sleep 0.5
rm -f /run/dhcpd.pid
# Foreground with its log on stderr, appended to the forwarded log file.
setsid dhcpd -4 -f -d -cf "$conf" -lf /var/lib/dhcp/dhcpd.leases -pf /run/dhcpd.pid \
  </dev/null >>/var/log/dhcp/dhcpd.log 2>&1 &
echo $! >/run/enshu/dhcpd.pid
