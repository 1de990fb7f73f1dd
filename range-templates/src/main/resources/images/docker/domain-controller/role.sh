# domain-controller: Samba AD DC (LDAP 389, Kerberos 88, SMB 445, DNS 53 with SAMBA_INTERNAL).
#   ENSHU_AD_REALM           e.g. CORP.EXAMPLE.JP (default: ENSHU_DOMAIN in upper case)
#   ENSHU_AD_DOMAIN          NetBIOS domain, e.g. CORP (default: first label of the realm)
#   ENSHU_AD_ADMIN_PASSWORD  Administrator password (must satisfy AD complexity at provisioning)
#   ENSHU_AD_ACCOUNTS        "user,..." the accounts the scenario needs (names only, for ready)
#   ENSHU_AD_USERS           "user:password;..." created after provisioning (a secret, below)
# Provisioned at first start (a few seconds) into the container's /var/lib/samba; a restarted
# container keeps its domain. Password complexity is switched off after provisioning so that the
# scenario's (weak) user passwords are accepted. DNS forwarder: first ENSHU_DNS address.
# DNS records are written at provisioning (static addresses): the periodic dns update is off.
# Passwords are no settings: they come in /etc/enshu/secrets (root only, put in by the provider
# before the first start), read in a subshell and removed, so no environment or file keeps them.
# Runs without SYS_ADMIN: the NT ACLs of sysvol are kept in a tdb (posix:eadb, vfs posix_eadb)
# instead of the kernel's security.* extended attributes. Logs: /var/log/samba/ and syslog (auth_audit) -> SOC.
enshu_init
enshu_syslog_start
: "${ENSHU_AD_REALM:=$(echo "${ENSHU_DOMAIN:-corp.example.jp}" | tr a-z A-Z)}"
: "${ENSHU_AD_DOMAIN:=$(echo "${ENSHU_AD_REALM%%.*}" | tr a-z A-Z | cut -c1-15)}"
: "${ENSHU_AD_ADMIN_PASSWORD:=Enshu#Admin2025}"
ip="$(enshu_primary_ip)"
host="$(hostname -s | tr -cd 'A-Za-z0-9-' | cut -c1-15)"
fwd=""
dnss=(); enshu_split dnss "$ENSHU_DNS" ","
for d in "${dnss[@]}"; do [ "$d" != "$ip" ] && [ "$d" != 127.0.0.1 ] && { fwd="$d"; break; }; done

if [ ! -f /var/lib/samba/private/sam.ldb ]; then
  enshu_log "provisioning AD domain $ENSHU_AD_REALM ($ENSHU_AD_DOMAIN) on $host/$ip"
  rm -f /etc/samba/smb.conf
  t0=$(date +%s)
  if samba-tool domain provision --server-role=dc --use-rfc2307 --dns-backend=SAMBA_INTERNAL \
       --option="vfs objects = dfs_samba4 acl_xattr posix_eadb" \
       --option="posix:eadb = /var/lib/samba/private/eadb.tdb" \
       --realm="$ENSHU_AD_REALM" --domain="$ENSHU_AD_DOMAIN" --adminpass="$ENSHU_AD_ADMIN_PASSWORD" \
       --host-name="$host" --host-ip="$ip" \
       --option="dns forwarder = ${fwd:-127.0.0.1}" \
       --option="log level = 1 auth_audit:3 dsdb_password_audit:2" \
       --option="logging = syslog@3 file" \
       --option="ldap server require strong auth = no" \
       --option="dns update command = /bin/true" \
       >/var/log/samba/provision.log 2>&1; then
    enshu_log "provisioned in $(( $(date +%s) - t0 ))s"
    samba-tool domain passwordsettings set --complexity=off --min-pwd-length=1 --history-length=0 \
      --min-pwd-age=0 --max-pwd-age=0 >>/var/log/samba/provision.log 2>&1 || enshu_warn "password settings failed"
  else
    enshu_warn "provisioning failed: $(tail -n 3 /var/log/samba/provision.log | tr '\n' ' ')"
  fi
elif [ -n "$fwd" ]; then
  sed -i "s/^\(\s*dns forwarder\s*=\).*/\1 $fwd/" /etc/samba/smb.conf
fi
cp -f /var/lib/samba/private/krb5.conf /etc/krb5.conf 2>/dev/null || true
if [ -f /var/lib/samba/private/sam.ldb ]; then
  # the passwords go to the helper on its standard input: never on a command line or in an environment
  ( [ -f /etc/enshu/secrets ] && . /etc/enshu/secrets
    if [ -n "${ENSHU_AD_USERS:-}" ]; then
      printf '%s' "$ENSHU_AD_USERS" | python3 /usr/local/lib/enshu/ad-users.py >>/var/log/samba/provision.log 2>&1 \
        || enshu_warn "user creation failed"
    fi )
fi
rm -f /etc/enshu/secrets
[ -f /run/samba/samba.pid ] && kill "$(cat /run/samba/samba.pid)" 2>/dev/null && sleep 1
mkdir -p /run/samba
samba -D || enshu_warn "samba failed to start"
enshu_wait_tcp 389 30 || enshu_warn "LDAP is not listening"
