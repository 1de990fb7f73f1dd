# app-server: business application on ENSHU_APP_PORT (default 8080).
#   ENSHU_APP  orders | research | emr
# Access log /var/log/app/access.log (forwarded); database /var/lib/enshu-app/<app>.db.
enshu_init
enshu_syslog_start "/var/log/app/access.log|app-access" "/var/log/app/server.log|app-server"
: "${ENSHU_APP:=orders}"
case "$ENSHU_APP" in orders|research|emr) ;; *) enshu_warn "unknown ENSHU_APP '$ENSHU_APP', using orders"; export ENSHU_APP=orders ;; esac
export ENSHU_APP
setsid python3 /usr/local/lib/enshu/app.py </dev/null >>/var/log/app/server.log 2>&1 &
echo $! >/run/enshu/app.pid
enshu_wait_tcp "${ENSHU_APP_PORT:-8080}" 15 || enshu_warn "application is not listening"
