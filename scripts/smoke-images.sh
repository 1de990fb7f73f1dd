#!/usr/bin/env bash
# Enshu image smoke test (for people, not CI).
# Builds the base, common and every role image, brings up a tiny hand-made range on two
# --internal networks (a firewall routing a DMZ and a LAN segment; SOC, DNS, web, proxy, C2 and
# DHCP in the DMZ; a DHCP workstation in the LAN), checks that the services answer from inside the
# range (docker exec), then removes everything it created (all labelled enshu.smoke=1).
# Usage: scripts/smoke-images.sh [--no-build] [--keep]
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
IMAGES_DIR="$HERE/../range-templates/src/main/resources/images/docker"
ROLES=(soc firewall web dns proxy workstation c2 attacker mail sanitiser file-server dhcp app-server domain-controller vpn-gateway)
BUILD=1 KEEP=0
for a in "$@"; do
  case "$a" in
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown argument: $a" >&2; exit 2 ;;
  esac
done

P=enshu-smoke                # name prefix
DMZ=10.231.1 LAN=10.231.2    # /24 segments
DOMAIN=corp.example.jp
LABEL=(--label enshu.smoke=1)
PASS=0 FAIL=0
FAILED=()

say()  { printf '\n== %s\n' "$*"; }
ok()   { printf '  PASS  %s\n' "$1"; PASS=$((PASS + 1)); }
bad()  { printf '  FAIL  %s\n' "$1"; FAIL=$((FAIL + 1)); FAILED+=("$1"); }
check() { local name="$1"; shift; if "$@" >/dev/null 2>&1; then ok "$name"; else bad "$name"; fi; }
# retry SECONDS CMD...: run CMD until it succeeds or SECONDS pass
retry() { local secs="$1" t0; shift; t0=$(date +%s)
  until "$@" >/dev/null 2>&1; do [ $(( $(date +%s) - t0 )) -ge "$secs" ] && return 1; sleep 1; done; }
in_c() { local c="$1"; shift; docker exec "$P-$c" "$@"; }

cleanup() {
  [ "$KEEP" = 1 ] && { echo "(--keep: range left running; remove with: docker rm -f \$(docker ps -aq --filter label=enshu.smoke=1); docker network rm \$(docker network ls -q --filter label=enshu.smoke=1))"; return; }
  local ids=()
  mapfile -t ids < <(docker ps -aq --filter label=enshu.smoke=1)
  [ "${#ids[@]}" -gt 0 ] && docker rm -f "${ids[@]}" >/dev/null
  mapfile -t ids < <(docker network ls -q --filter label=enshu.smoke=1)
  [ "${#ids[@]}" -gt 0 ] && docker network rm "${ids[@]}" >/dev/null
}
trap cleanup EXIT

"$HERE/setup-docker.sh" || exit 1
cleanup_before() { KEEP=0 cleanup; }; cleanup_before

if [ "$BUILD" = 1 ]; then
  say "building images"
  "$HERE/../range-templates/src/main/resources/images/docker/build-base-image.sh" || exit 1
  total0=$(date +%s)
  for img in common "${ROLES[@]}"; do
    t0=$(date +%s)
    if docker build -q -t "enshu/$img:latest" "$IMAGES_DIR/$img" >/tmp/enshu-smoke-build.log 2>&1; then
      printf '  %-18s %4ss  %s MB\n' "$img" $(( $(date +%s) - t0 )) \
        "$(docker image inspect -f '{{.Size}}' "enshu/$img:latest" | awk '{printf "%.0f", $1/1e6}')"
    else
      cat /tmp/enshu-smoke-build.log; echo "build of $img failed" >&2; exit 1
    fi
  done
  echo "  total              $(( $(date +%s) - total0 ))s"
fi

say "creating the range"
docker network create --internal --subnet "$DMZ.0/24" "${LABEL[@]}" "$P-dmz" >/dev/null
docker network create --internal --subnet "$LAN.0/24" "${LABEL[@]}" "$P-lan" >/dev/null

common_env=(-e ENSHU_TEAM=smoke -e "ENSHU_DOMAIN=$DOMAIN" -e "ENSHU_DNS=$DMZ.53" -e "ENSHU_SOC=$DMZ.20")
# run NAME ROLE NET IP [docker args...] : one host of the range
run() {
  local name="$1" role="$2" net="$3" ip="$4"; shift 4
  docker run -d --name "$P-$name" --hostname "$name" "${LABEL[@]}" --network "$P-$net" --ip "$ip" \
    --cap-add NET_ADMIN -e "ENSHU_HOST=$name" -e "ENSHU_ROLE=$role" "${common_env[@]}" "$@" "enshu/$role:latest" >/dev/null
}
to_lan=(-e "ENSHU_ROUTES=$LAN.0/24 via $DMZ.254")

NFT="$(base64 -w0 <<NFT
table inet enshu {
  chain forward {
    type filter hook forward priority 0; policy drop;
    ct state established,related accept
    ip saddr $LAN.0/24 ip daddr $DMZ.53 udp dport 53 accept
    ip saddr $LAN.0/24 ip daddr $DMZ.53 tcp dport 53 accept
    ip saddr $LAN.0/24 ip daddr $DMZ.31 tcp dport 3128 accept
    ip saddr $LAN.0/24 ip daddr $DMZ.20 tcp dport 514 accept
    ip saddr $LAN.0/24 icmp type echo-request accept
    log group 1 prefix "enshu-fw-drop " drop
  }
}
NFT
)"
docker create --name "$P-fw" --hostname fw "${LABEL[@]}" --network "$P-dmz" --ip "$DMZ.254" \
  --cap-add NET_ADMIN --sysctl net.ipv4.ip_forward=1 -e ENSHU_HOST=fw -e ENSHU_ROLE=firewall "${common_env[@]}" \
  -e "ENSHU_NFT_B64=$NFT" -e "ENSHU_DHCP_RELAY=$LAN.254 $DMZ.67" enshu/firewall:latest >/dev/null
docker network connect --ip "$LAN.254" "$P-lan" "$P-fw"
docker start "$P-fw" >/dev/null

run soc soc dmz "$DMZ.20" "${to_lan[@]}"
run dns dns dmz "$DMZ.53" "${to_lan[@]}" \
  -e "ENSHU_DNS_RECORDS=www.$DOMAIN $DMZ.80;proxy.$DOMAIN $DMZ.31;update-check.example.net $DMZ.66"
run www web dmz "$DMZ.80" "${to_lan[@]}"
run proxy proxy dmz "$DMZ.31" "${to_lan[@]}" -e "ENSHU_PROXY_ALLOW=$LAN.0/24,$DMZ.0/24"
run c2 c2 dmz "$DMZ.66"
# The workstation starts first; its MAC (known only once it runs) becomes the DHCP reservation.
run pc01 workstation lan "$LAN.50" -e ENSHU_DHCP=1 -e ENSHU_USER=tanaka -e "ENSHU_PROXY=http://$DMZ.31:3128" \
  -e "ENSHU_ROUTES=default via $LAN.254" \
  -e "ENSHU_ACTIVITY_URLS=http://www.$DOMAIN/,http://update-check.example.net/api/check?id=pc01"
MAC="$(docker inspect -f "{{(index .NetworkSettings.Networks \"$P-lan\").MacAddress}}" "$P-pc01")"
run dhcp dhcp dmz "$DMZ.67" "${to_lan[@]}" -e "ENSHU_DHCP_SCOPES=$LAN.0/24 $LAN.254" \
  -e "ENSHU_DHCP_RESERVATIONS=$MAC $LAN.50 pc01"

say "readiness (enshu-ready)"
for h in fw soc dns www proxy c2 dhcp pc01; do
  check "$h ready" retry 90 in_c "$h" enshu-ready
done

say "services from inside the range"
check "pc01 got its address by DHCP through the relay" \
  bash -c "docker exec $P-pc01 ip -4 -o addr show | grep -q '$LAN.50/24' && docker exec $P-dhcp grep -q DHCPACK /var/log/dhcp/dhcpd.log"
check "pc01 resolves www.$DOMAIN (DNS across the firewall)" \
  bash -c "[ \"\$(docker exec $P-pc01 dig +short +time=2 www.$DOMAIN)\" = $DMZ.80 ]"
check "pc01 fetches the web page through the proxy" \
  bash -c "docker exec $P-pc01 curl -fsS --max-time 5 -x http://$DMZ.31:3128 http://www.$DOMAIN/ | grep -q '<title>'"
check "pc01 beacon reaches the C2 through the proxy" \
  bash -c "docker exec $P-pc01 curl -fsS --max-time 5 -x http://$DMZ.31:3128 'http://update-check.example.net/api/check?id=pc01' | grep -q '\"task\"'"
check "C2 logged the beacon" retry 10 in_c c2 grep -q 'id=pc01' /var/log/c2/beacons.log
check "C2 stores an upload" bash -c "docker exec $P-c2 curl -fsS --data-binary smoke 'http://127.0.0.1/upload?name=smoke.txt' && docker exec $P-c2 sh -c 'ls /srv/c2/loot | grep -q smoke.txt'"
in_c proxy sh -c 'echo .example.net >>/etc/squid/enshu-deny.txt && squid -k reconfigure' >/dev/null 2>&1; sleep 2
check "proxy deny list blocks the C2 domain" \
  bash -c "[ \"\$(docker exec $P-pc01 curl -s -o /dev/null -w '%{http_code}' --max-time 5 -x http://$DMZ.31:3128 http://update-check.example.net/)\" = 403 ]"
in_c proxy sh -c 'sed -i /example.net/d /etc/squid/enshu-deny.txt && squid -k reconfigure' >/dev/null 2>&1
check "firewall drops pc01 -> www:80 (not allowed)" \
  bash -c "! docker exec $P-pc01 curl -s --noproxy '*' --max-time 3 http://$DMZ.80/"
check "firewall logged the drop" retry 10 in_c fw grep -q "SRC=$LAN.50 DST=$DMZ.80" /var/log/ulog/fw-drop.log

say "logs at the SOC (/var/log/enshu/<host>/messages.log)"
soc_has() { in_c soc grep -q -- "$2" "/var/log/enshu/$1/messages.log"; }
check "SOC: firewall drop log"    retry 15 soc_has fw fw-drop
check "SOC: DHCP relay log"       retry 15 soc_has fw dhcp-relay
check "SOC: nginx access log"     retry 15 soc_has www nginx-access
check "SOC: squid access log"     retry 15 soc_has proxy squid-access
check "SOC: DNS query log"        retry 15 soc_has dns "query\[A\] www.$DOMAIN"
check "SOC: DHCP lease log"       retry 15 soc_has dhcp DHCPACK
check "SOC: workstation activity" retry 45 soc_has pc01 user-activity
check "SOC: all.log written" in_c soc test -s /var/log/enshu/all.log

say "restart (every host comes back ready)"
mapfile -t running < <(docker ps -q --filter label=enshu.smoke=1)
docker restart -t 2 "${running[@]}" >/dev/null
for h in fw soc dns www proxy c2 dhcp pc01; do
  check "$h ready after restart" retry 90 in_c "$h" enshu-ready
done
check "pc01 fetches the web page after restarts" \
  retry 20 bash -c "docker exec $P-pc01 curl -fsS --max-time 5 -x http://$DMZ.31:3128 http://www.$DOMAIN/ | grep -q '<title>'"

say "stop time"
t0=$(date +%s%N); docker stop "$P-www" >/dev/null; ms=$(( ($(date +%s%N) - t0) / 1000000 ))
if [ "$ms" -lt 2000 ]; then ok "docker stop www took ${ms} ms"; else bad "docker stop www took ${ms} ms"; fi

say "result: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ] || { printf '  failed: %s\n' "${FAILED[@]}"; exit 1; }
