# soc: rsyslog collector. The collector itself never forwards (ENSHU_SOC is ignored here).
ENSHU_SOC_SELF=1
enshu_init
mkdir -p /var/log/enshu
enshu_syslog_start
enshu_wait_tcp 514 10 || enshu_warn "collector is not listening on 514/tcp"
