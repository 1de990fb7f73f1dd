# web: nginx on 80 serving the organisation's home page.
#   ENSHU_WEB_ORG_JA / ENSHU_WEB_ORG_EN  organisation name on the page (optional)
enshu_init
enshu_syslog_start "/var/log/nginx/access.log|nginx-access" "/var/log/nginx/error.log|nginx-error"
: "${ENSHU_WEB_ORG_JA:=演習市役所}" "${ENSHU_WEB_ORG_EN:=Enshu City Office}"
if [ ! -f /var/www/html/.enshu-site ]; then
  mkdir -p /var/www/html
  for f in /usr/local/share/enshu/site/*; do
    sed -e "s|{{ORG_JA}}|${ENSHU_WEB_ORG_JA//|/\\|}|g" -e "s|{{ORG_EN}}|${ENSHU_WEB_ORG_EN//|/\\|}|g" \
        -e "s|{{DOMAIN}}|${ENSHU_DOMAIN:-example.jp}|g" "$f" >"/var/www/html/$(basename "$f")"
  done
  touch /var/www/html/.enshu-site
fi
nginx || enshu_warn "nginx failed to start"
