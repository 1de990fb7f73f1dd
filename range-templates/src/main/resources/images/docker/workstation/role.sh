# workstation: a staff terminal.
#   ENSHU_USER            login name (created with a home directory; default "user")
#   ENSHU_USER_PASSWORD   optional password for that user (a secret: in /etc/enshu/secrets, read
#                         in a subshell and removed, never in the environment)
#   ENSHU_PROXY           http://ip:3128, set as http(s)_proxy for the user and the activity loop
#   ENSHU_DHCP=1          get the address by DHCP on the first interface before anything else
#   ENSHU_MAC             MAC the first interface takes before asking for a lease (the DHCP
#                         server's reservation is for it; the engine cannot set it on API 1.41)
#   ENSHU_ACTIVITY_URLS   comma-separated URLs fetched every ~30 s (logged to syslog, user-activity)
: "${ENSHU_USER:=user}" "${ENSHU_PROXY:=}" "${ENSHU_DHCP:=0}" "${ENSHU_ACTIVITY_URLS:=}"
[ "$ENSHU_DHCP" = 1 ] && ENSHU_DEFER_ROUTES=1
enshu_init
enshu_syslog_start

if ! id "$ENSHU_USER" >/dev/null 2>&1; then
  useradd -m -s /bin/bash -c "Enshu staff user" "$ENSHU_USER"
  mkdir -p "/home/$ENSHU_USER/Documents"
  cp -r /usr/local/share/enshu/documents/. "/home/$ENSHU_USER/Documents/"
  chown -R "$ENSHU_USER:" "/home/$ENSHU_USER"
fi
( [ -f /etc/enshu/secrets ] && . /etc/enshu/secrets
  [ -n "${ENSHU_USER_PASSWORD:-}" ] && echo "$ENSHU_USER:$ENSHU_USER_PASSWORD" | chpasswd )
rm -f /etc/enshu/secrets

if [ -n "$ENSHU_PROXY" ]; then
  cat >/etc/profile.d/enshu-proxy.sh <<PROXY
export http_proxy="$ENSHU_PROXY" https_proxy="$ENSHU_PROXY" HTTP_PROXY="$ENSHU_PROXY" HTTPS_PROXY="$ENSHU_PROXY"
export no_proxy="localhost,127.0.0.1"
PROXY
  grep -q enshu-proxy /etc/bash.bashrc || echo '[ -f /etc/profile.d/enshu-proxy.sh ] && . /etc/profile.d/enshu-proxy.sh # enshu-proxy' >>/etc/bash.bashrc
else
  rm -f /etc/profile.d/enshu-proxy.sh
fi

if [ "$ENSHU_DHCP" = 1 ]; then
  iface="$(ip -o link show | awk -F': ' '$2 != "lo" {sub(/@.*/, "", $2); print $2; exit}')"
  echo "$iface" >/run/enshu/dhcp-iface
  [ -f /run/dhclient.pid ] && kill "$(cat /run/dhclient.pid)" 2>/dev/null
  if enshu_can_route; then
    ip -4 addr flush dev "$iface"
    if [ -n "${ENSHU_MAC:-}" ]; then
      ip link set dev "$iface" address "$ENSHU_MAC" || enshu_warn "cannot set MAC $ENSHU_MAC on $iface"
    fi
    script=/sbin/dhclient-script
  else
    # Without NET_ADMIN the interface keeps the address the engine gave it (the plan's, which is
    # also the DHCP server's reservation); its MAC and routes are set from outside. The lease is
    # asked for and recorded, as a staff terminal does, but not applied.
    enshu_apply_routes
    script=/usr/local/lib/enshu/dhclient-lease-only
  fi
  enshu_log "DHCP on $iface ($(cat "/sys/class/net/$iface/address"))"
  # Returns once a lease is bound (or after the timeout, leaving dhclient retrying in background).
  dhclient -4 -v -sf "$script" -pf /run/dhclient.pid -lf /var/lib/dhcp/dhclient.leases "$iface" \
    >/run/enshu/dhclient.out 2>&1 || enshu_warn "dhclient: $(tail -n 1 /run/enshu/dhclient.out)"
  enshu_log "DHCP address: $(ip -4 -o addr show dev "$iface" | awk '{print $4}')"
  enshu_can_route && enshu_apply_routes
fi

[ -f /run/enshu/activity.pid ] && kill "$(cat /run/enshu/activity.pid)" 2>/dev/null
runuser -u "$ENSHU_USER" -- env ENSHU_PROXY="$ENSHU_PROXY" ENSHU_ACTIVITY_URLS="$ENSHU_ACTIVITY_URLS" \
  setsid /usr/local/bin/enshu-activity </dev/null >/dev/null 2>&1 &
echo $! >/run/enshu/activity.pid
