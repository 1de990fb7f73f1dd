# c2: simulated C2 web server on ENSHU_C2_PORT (default 80).
#   Beacon log: /var/log/c2/beacons.log (+ syslog, local5); loot: /srv/c2/loot/;
#   tasking: /srv/c2/tasks.json (re-read on every request).
enshu_init
enshu_syslog_start
mkdir -p /srv/c2/loot /var/log/c2
setsid python3 /usr/local/lib/enshu/c2-server.py </dev/null >>/var/log/c2/server.err 2>&1 &
echo $! >/run/enshu/c2.pid
enshu_wait_tcp "${ENSHU_C2_PORT:-80}" 10 || enshu_warn "c2 server is not listening"
