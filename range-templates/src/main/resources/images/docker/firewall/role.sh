# firewall: nftables from ENSHU_NFT_B64 (base64 of an nft script), NFLOG -> ulogd2 -> SOC,
# DHCP relay from ENSHU_DHCP_RELAY ("localaddr serverip;..."). Needs NET_ADMIN and the
# sysctl net.ipv4.ip_forward=1 (set by the provider: /proc/sys is read-only in the container).
enshu_init
enshu_syslog_start "/var/log/ulog/fw-drop.log|fw-drop" "/var/log/dnsmasq/dhcp-relay.log|dhcp-relay"

[ "$(cat /proc/sys/net/ipv4/ip_forward 2>/dev/null)" = 1 ] || \
  enshu_warn "net.ipv4.ip_forward is not 1: this firewall will not route (start it with --sysctl net.ipv4.ip_forward=1)"

: "${ENSHU_NFT_B64:=}" "${ENSHU_DHCP_RELAY:=}"
if [ -n "$ENSHU_NFT_B64" ]; then
  if printf '%s' "$ENSHU_NFT_B64" | base64 -d >/etc/nftables/enshu.nft 2>/dev/null; then
    nft delete table inet enshu 2>/dev/null || true
    if nft -f /etc/nftables/enshu.nft 2>/run/enshu/nft.err; then
      enshu_log "nftables rules loaded from ENSHU_NFT_B64 ($(grep -c . /etc/nftables/enshu.nft) lines)"
      touch /run/enshu/nft.ok
    else
      enshu_warn "nft -f failed: $(cat /run/enshu/nft.err)"
    fi
  else
    enshu_warn "ENSHU_NFT_B64 is not valid base64"
  fi
else
  # No rules given: route everything (still a table, so trainees can add rules to it).
  cat >/etc/nftables/enshu.nft <<'NFT'
table inet enshu {
  chain forward {
    type filter hook forward priority 0; policy accept;
  }
}
NFT
  nft -f /etc/nftables/enshu.nft && touch /run/enshu/nft.ok
  enshu_warn "no ENSHU_NFT_B64: forwarding everything"
fi

# Drop log: NFLOG works per network namespace, so ulogd2 inside this container sees the
# packets logged by this container's rules.
rm -f /run/ulogd.pid
ulogd -d -p /run/ulogd.pid -c /etc/ulogd.conf || enshu_warn "ulogd failed to start"

if [ -n "$ENSHU_DHCP_RELAY" ]; then
  relays=(); enshu_split relays "$ENSHU_DHCP_RELAY"
  args=(--port=0 --log-dhcp --log-facility=/var/log/dnsmasq/dhcp-relay.log
        --pid-file=/run/dnsmasq-relay.pid --conf-file=/dev/null)
  for r in "${relays[@]}"; do
    read -r local server _ <<<"$r"
    args+=(--dhcp-relay="$local,$server")
  done
  python3 /usr/local/lib/enshu/allow-dhcp-relay.py >/run/enshu/relay-rules.log 2>&1
  dnsmasq "${args[@]}" || enshu_warn "DHCP relay (dnsmasq) failed to start"
  enshu_log "DHCP relay: ${relays[*]}"
fi
