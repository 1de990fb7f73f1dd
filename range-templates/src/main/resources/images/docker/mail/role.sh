# mail: postfix on 25.
#   ENSHU_MAIL_DOMAIN    domain delivered here (default ENSHU_DOMAIN)
#   ENSHU_MAIL_USERS     comma-separated mailbox users (Maildir in /home/<user>/Maildir/)
#   ENSHU_MAIL_RELAY     optional next hop (IP or name) for all other domains
#   ENSHU_MAIL_NETWORKS  optional client networks allowed to relay (default: private ranges)
# Log: /var/log/mail.log (syslog mail facility, forwarded to the SOC).
enshu_init
enshu_syslog_start
: "${ENSHU_MAIL_DOMAIN:=${ENSHU_DOMAIN:-example.jp}}" "${ENSHU_MAIL_USERS:=}" "${ENSHU_MAIL_RELAY:=}"
: "${ENSHU_MAIL_NETWORKS:=127.0.0.0/8 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16}"
echo "$ENSHU_MAIL_DOMAIN" >/etc/mailname
postconf -e \
  "myhostname = ${ENSHU_HOST}.${ENSHU_MAIL_DOMAIN}" \
  "mydomain = ${ENSHU_MAIL_DOMAIN}" \
  "myorigin = ${ENSHU_MAIL_DOMAIN}" \
  "mydestination = ${ENSHU_MAIL_DOMAIN}, \$myhostname, localhost" \
  "mynetworks = ${ENSHU_MAIL_NETWORKS//,/ }" \
  "inet_interfaces = all" \
  "inet_protocols = ipv4" \
  "home_mailbox = Maildir/" \
  "smtpd_banner = \$myhostname ESMTP" \
  "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination" \
  "relayhost = ${ENSHU_MAIL_RELAY:+[$ENSHU_MAIL_RELAY]:25}" \
  "smtputf8_enable = yes" \
  "maximal_queue_lifetime = 1d" \
  "compatibility_level = 3.6"
# No chroot: the container is the isolation, and the chroot would need copies of /etc files.
postconf -F '*/*/chroot = n'
users=(); enshu_split users "$ENSHU_MAIL_USERS" ","
for u in "${users[@]}"; do
  id "$u" >/dev/null 2>&1 || useradd -m -s /usr/sbin/nologin "$u"
  mkdir -p "/home/$u/Maildir/cur" "/home/$u/Maildir/new" "/home/$u/Maildir/tmp"
  chown -R "$u:" "/home/$u/Maildir"
done
newaliases
postfix start >/dev/null 2>&1 || postfix reload >/dev/null 2>&1 || enshu_warn "postfix failed to start"
enshu_wait_tcp 25 15 || enshu_warn "postfix is not listening on 25"
