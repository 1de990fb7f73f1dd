# dns: dnsmasq on 53 (UDP/TCP).
#   ENSHU_DNS_RECORDS  "fqdn ip;fqdn ip;..."  A records (and matching PTR records)
#   ENSHU_DNS_NO_PTR   1: A records only, no PTR (the simulated public DNS: a reverse lookup
#                      must not pick the drawn name out of its decoys)
#   ENSHU_DNS_UPSTREAM optional resolver IP for every other name (the simulated public DNS)
#   ENSHU_DNS_MX       optional "maildomain mailhost;..." MX records
# Names under ENSHU_DOMAIN that have no record get NXDOMAIN here (never forwarded).
# Config: /etc/dnsmasq.d/enshu.conf (trainees may edit; apply with `enshu-dns-reload`).
enshu_init
enshu_syslog_start "/var/log/dnsmasq/dnsmasq.log|dnsmasq"
: "${ENSHU_DNS_RECORDS:=}" "${ENSHU_DNS_UPSTREAM:=}" "${ENSHU_DNS_MX:=}" "${ENSHU_DNS_NO_PTR:=}"
{
  echo "# generated from ENSHU_DNS_* at $(date -Is)"
  echo "port=53"
  echo "no-resolv"
  echo "no-hosts"
  echo "cache-size=1000"
  echo "log-queries=extra"
  echo "log-async=50"
  echo "log-facility=/var/log/dnsmasq/dnsmasq.log"
  echo "user=root"
  echo "pid-file=/run/dnsmasq.pid"
  [ -n "$ENSHU_DOMAIN" ] && echo "local=/$ENSHU_DOMAIN/"
  recs=(); enshu_split recs "$ENSHU_DNS_RECORDS"
  for r in "${recs[@]}"; do
    read -r name addr _ <<<"$r"
    [ -n "$name" ] && [ -n "$addr" ] || continue
    if [ "$ENSHU_DNS_NO_PTR" = 1 ]; then
      echo "address=/${name%.}/$addr"
    else
      echo "host-record=${name%.},$addr"
    fi
  done
  mxs=(); enshu_split mxs "$ENSHU_DNS_MX"
  for r in "${mxs[@]}"; do
    read -r dom host _ <<<"$r"
    [ -n "$dom" ] && [ -n "$host" ] && echo "mx-host=${dom%.},${host%.},10"
  done
  ups=(); enshu_split ups "$ENSHU_DNS_UPSTREAM" ","
  for u in "${ups[@]}"; do echo "server=$u"; done
} >/etc/dnsmasq.d/enshu.conf
cat >/usr/local/bin/enshu-dns-reload <<'RELOAD'
#!/bin/sh
# Restart dnsmasq with /etc/dnsmasq.d/enshu.conf (e.g. after adding a sinkhole record
# such as "address=/c2.example.net/0.0.0.0").
[ -f /run/dnsmasq.pid ] && kill "$(cat /run/dnsmasq.pid)" 2>/dev/null && sleep 0.5
exec dnsmasq --conf-file=/etc/dnsmasq.d/enshu.conf
RELOAD
chmod 0755 /usr/local/bin/enshu-dns-reload
dnsmasq --conf-file=/etc/dnsmasq.d/enshu.conf || enshu_warn "dnsmasq failed to start"
