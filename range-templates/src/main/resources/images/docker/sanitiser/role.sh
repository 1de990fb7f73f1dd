# sanitiser: postfix on 25 with the python content filter /usr/local/lib/enshu/sanitise.py.
#   ENSHU_MAIL_DOMAIN          domain accepted from anywhere (default ENSHU_DOMAIN)
#   ENSHU_SANITISER_NEXT_HOP   mail server IP the sanitised mail is handed to
# Originals: /var/spool/sanitiser/quarantine/*.eml. Log: /var/log/mail.log (tag sanitiser).
enshu_init
enshu_syslog_start
: "${ENSHU_MAIL_DOMAIN:=${ENSHU_DOMAIN:-example.jp}}" "${ENSHU_SANITISER_NEXT_HOP:=}"
echo "$ENSHU_MAIL_DOMAIN" >/etc/mailname
echo "$ENSHU_SANITISER_NEXT_HOP" >/etc/enshu/sanitiser-next-hop
chmod 0644 /etc/enshu/sanitiser-next-hop
[ -n "$ENSHU_SANITISER_NEXT_HOP" ] || enshu_warn "ENSHU_SANITISER_NEXT_HOP is empty: mail will stay queued"
postconf -e \
  "myhostname = ${ENSHU_HOST}.${ENSHU_MAIL_DOMAIN}" \
  "mydomain = ${ENSHU_MAIL_DOMAIN}" \
  "mydestination = localhost" \
  "relay_domains = ${ENSHU_MAIL_DOMAIN}" \
  "mynetworks = 127.0.0.0/8" \
  "inet_interfaces = all" \
  "inet_protocols = ipv4" \
  "smtpd_banner = \$myhostname ESMTP" \
  "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination" \
  "smtputf8_enable = yes" \
  "sanitise_destination_recipient_limit = 50" \
  "maximal_queue_lifetime = 1d" \
  "compatibility_level = 3.6"
postconf -F '*/*/chroot = n'
# Mail received by smtpd goes through the filter; the filter delivers it to the next hop itself.
postconf -P "smtp/inet/content_filter=sanitise:dummy"
postconf -M "sanitise/unix=sanitise unix - n n - 4 pipe flags=q user=sanitiser argv=/usr/local/lib/enshu/sanitise.py -f \${sender} -- \${recipient}"
newaliases
postfix start >/dev/null 2>&1 || postfix reload >/dev/null 2>&1 || enshu_warn "postfix failed to start"
enshu_wait_tcp 25 15 || enshu_warn "postfix is not listening on 25"
