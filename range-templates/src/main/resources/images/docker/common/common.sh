# Enshu shared entrypoint library (bash). Sourced by /usr/local/bin/enshu-entrypoint and by the
# role scripts (/usr/local/lib/enshu/role.sh). Applies the runtime contract every host follows:
#   ENSHU_HOST ENSHU_ROLE ENSHU_TEAM   identity (hostname is set by the provider)
#   ENSHU_ROUTES  "cidr via gw;default via gw"   routes (internal networks have none)
#   ENSHU_ROUTES_FROM_OUTSIDE=1                  the orchestrator sets them; wait for them
#   ENSHU_DNS     "ip,ip"                         resolvers -> /etc/resolv.conf (+ search ENSHU_DOMAIN)
#   ENSHU_DOMAIN  organisation DNS domain
#   ENSHU_HOSTS   "ip name [name...];..."         appended to /etc/hosts
#   ENSHU_SOC     SOC collector IP: forward all syslog + the role's log files over TCP 514

ENSHU_LIB=/usr/local/lib/enshu
ENSHU_RUN=/run/enshu

: "${ENSHU_HOST:=$(hostname)}" "${ENSHU_ROLE:=}" "${ENSHU_TEAM:=}" "${ENSHU_ROUTES:=}" \
  "${ENSHU_DNS:=}" "${ENSHU_DOMAIN:=}" "${ENSHU_HOSTS:=}" "${ENSHU_SOC:=}"

# Log to stderr (docker logs) and, once rsyslog runs, to syslog with tag "enshu".
enshu_log() {
  printf '%s enshu[%s]: %s\n' "$(date '+%F %T')" "${ENSHU_ROLE:-host}" "$*" >&2
  [ -S /dev/log ] && logger -t enshu -p local6.notice -- "$*" 2>/dev/null || true
}
enshu_warn() { enshu_log "WARNING: $*"; }

# Split a ';'-separated list into the array named $1, dropping empty items and edge blanks.
enshu_split() {
  local -n _out="$1"; local _raw="${2:-}" _item _sep="${3:-;}"
  _out=()
  local IFS="$_sep"
  for _item in $_raw; do
    _item="${_item#"${_item%%[![:space:]]*}"}"; _item="${_item%"${_item##*[![:space:]]}"}"
    [ -n "$_item" ] && _out+=("$_item")
  done
  return 0
}

# First IPv4 address of this host (the first interface the provider attached).
enshu_primary_ip() {
  ip -4 -o addr show scope global 2>/dev/null | awk '{split($4,a,"/"); print a[1]; exit}'
}
enshu_primary_if() {
  ip -4 -o addr show scope global 2>/dev/null | awk '{print $2; exit}'
}

enshu_write_env() {
  mkdir -p /etc/enshu
  ( umask 077; env | grep -E '^ENSHU_[A-Z0-9_]+=' | sort >/etc/enshu/host.env )
}

enshu_apply_hosts() {
  local entries e tmp
  enshu_split entries "$ENSHU_HOSTS"
  tmp="$(sed '/^# enshu-hosts begin/,/^# enshu-hosts end/d' /etc/hosts)"
  {
    printf '%s\n' "$tmp"
    if [ "${#entries[@]}" -gt 0 ]; then
      echo "# enshu-hosts begin"
      for e in "${entries[@]}"; do echo "$e"; done
      echo "# enshu-hosts end"
    fi
  } >/etc/hosts.enshu
  # /etc/hosts is a bind mount: rewrite it in place, never replace the file.
  cat /etc/hosts.enshu >/etc/hosts && rm -f /etc/hosts.enshu
}

enshu_apply_dns() {
  local servers s
  enshu_split servers "$ENSHU_DNS" ","
  {
    echo "# written by Enshu from ENSHU_DNS / ENSHU_DOMAIN"
    [ -n "$ENSHU_DOMAIN" ] && echo "search $ENSHU_DOMAIN"
    for s in "${servers[@]}"; do echo "nameserver $s"; done
    echo "options timeout:2 attempts:2"
  } >/etc/resolv.conf.enshu
  # /etc/resolv.conf is a bind mount: rewrite in place. Without ENSHU_DNS the host has no
  # resolver (the engine's embedded DNS is deliberately not used inside a range).
  cat /etc/resolv.conf.enshu >/etc/resolv.conf && rm -f /etc/resolv.conf.enshu
}

# Whether this host may change its own routes (CAP_NET_ADMIN): only routers may. Every other host
# gets its routes from outside, from the orchestrator, right after it starts.
enshu_can_route() {
  local eff
  eff="$(awk '/^CapEff:/ {print $2}' /proc/self/status)"
  (( (0x${eff:-0} >> 12) & 1 ))
}

# Whether the plan's routes are in place and the engine's default route (to its bridge, which is
# the host machine) is gone.
enshu_routes_in_place() {
  local routes r dest via has_default=0
  enshu_split routes "$ENSHU_ROUTES"
  for r in "${routes[@]}"; do
    dest="${r%% *}"; via="$(echo "$r" | awk '{for (i = 1; i < NF; i++) if ($i == "via") print $(i + 1)}')"
    [ "$dest" = default ] && { dest=0.0.0.0/0; has_default=1; }
    ip -4 route show exact "$dest" 2>/dev/null | grep -q "via $via" || return 1
  done
  [ "$has_default" = 1 ] || [ -z "$(ip -4 route show default 2>/dev/null)" ]
}

enshu_apply_routes() {
  local routes r i
  if [ "${ENSHU_ROUTES_FROM_OUTSIDE:-0}" = 1 ]; then
    # The orchestrator sets them right after start; wait (bounded) so that no service starts
    # with the engine's route.
    for i in $(seq 1 300); do
      enshu_routes_in_place && return 0
      sleep 0.1
    done
    enshu_warn "routes were not set from outside within 30 s: $(ip -4 route show | tr '\n' ';')"
    return 0
  fi
  if ! enshu_can_route; then
    enshu_warn "no NET_ADMIN and no routes from outside: the engine's routes stay"
    return 0
  fi
  enshu_split routes "$ENSHU_ROUTES"
  # The engine gives the first network a default route to its bridge, which is the host machine.
  # A range host's only routes are the plan's, which all lead to the range's own routers.
  while ip -4 route del default 2>/dev/null; do :; done
  for r in "${routes[@]}"; do
    # shellcheck disable=SC2086
    if ! ip route replace $r 2>/tmp/enshu-route.err; then
      enshu_warn "route '$r' failed: $(cat /tmp/enshu-route.err)"
    fi
  done
  rm -f /tmp/enshu-route.err
}

# Start (or restart) rsyslog. Arguments: "path|tag" pairs for the role's own log files,
# read with imfile and forwarded to the SOC (they are not copied into /var/log/syslog).
enshu_syslog_start() {
  local conf="$ENSHU_RUN/rsyslog.conf" spec path tag
  mkdir -p "$ENSHU_RUN" /var/spool/rsyslog
  {
    echo "# generated by common.sh at $(date -Is)"
    echo "global(localHostname=\"$ENSHU_HOST\")"
    echo "ruleset(name=\"enshu_forward\") {"
    if [ -n "$ENSHU_SOC" ] && [ "${ENSHU_SOC_SELF:-0}" != 1 ]; then
      cat <<FWD
  action(type="omfwd" target="$ENSHU_SOC" port="514" protocol="tcp"
         template="RSYSLOG_ForwardFormat" TCP_Framing="octet-counted"
         queue.type="LinkedList" queue.size="100000" queue.dequeueBatchSize="256"
         action.resumeRetryCount="-1" action.resumeInterval="2" action.reportSuspension="off")
FWD
    else
      echo "  stop"
    fi
    echo "}"
    echo "ruleset(name=\"enshu_files\") { call enshu_forward }"
    [ "$#" -gt 0 ] && echo 'module(load="imfile")'
    for spec in "$@"; do
      path="${spec%%|*}"; tag="${spec#*|}"
      [ -n "$path" ] || continue
      mkdir -p "$(dirname "$path")"; [ -e "$path" ] || : >"$path"
      echo "input(type=\"imfile\" File=\"$path\" Tag=\"$tag:\" Facility=\"local6\" Severity=\"info\" ruleset=\"enshu_files\" freshStartTail=\"on\" reopenOnTruncate=\"on\")"
    done
    echo "call enshu_forward"
  } >"$conf"
  if [ -f /run/rsyslogd.pid ] && kill -0 "$(cat /run/rsyslogd.pid)" 2>/dev/null; then
    kill "$(cat /run/rsyslogd.pid)" 2>/dev/null; sleep 0.3
  fi
  rm -f /run/rsyslogd.pid
  rsyslogd -i /run/rsyslogd.pid || enshu_warn "rsyslogd failed to start"
  local i; for i in $(seq 1 20); do [ -S /dev/log ] && break; sleep 0.1; done
}

# Apply identity, hosts, resolvers and routes. Set ENSHU_DEFER_ROUTES=1 before calling to
# apply routes later (the workstation does, after DHCP).
enshu_init() {
  mkdir -p "$ENSHU_RUN"
  rm -f "$ENSHU_RUN/started"
  enshu_write_env
  enshu_apply_hosts
  enshu_apply_dns
  [ "${ENSHU_DEFER_ROUTES:-0}" = 1 ] || enshu_apply_routes
}

# Wait until a TCP port listens locally (bounded). enshu_wait_tcp PORT [SECONDS]
enshu_wait_tcp() {
  local port="$1" secs="${2:-20}" i
  for i in $(seq 1 $((secs * 5))); do
    ss -Hltn "sport = :$port" 2>/dev/null | grep -q . && return 0
    sleep 0.2
  done
  return 1
}
enshu_tcp_listening() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
enshu_udp_listening() { ss -Hlun "sport = :$1" 2>/dev/null | grep -q .; }

# Mark the host started and keep the container in the foreground. Services run as daemons so
# trainees can stop, reconfigure and restart them without the container going away.
enshu_forever() {
  touch "$ENSHU_RUN/started"
  enshu_log "host $ENSHU_HOST (role ${ENSHU_ROLE:-none}, team ${ENSHU_TEAM:-none}) started"
  exec sleep infinity
}
