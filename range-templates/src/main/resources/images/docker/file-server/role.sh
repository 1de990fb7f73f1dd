# file-server: Samba standalone server on 445/139.
#   ENSHU_SHARES     "name:/path;..."      shares (created and filled with sample documents if empty;
#                                          default "share:/srv/share")
#   ENSHU_SMB_ACCOUNTS "user,..."          the Samba users' names (for ready)
#   ENSHU_SMB_USERS  "user:password;..."   Samba users (also Unix users, group enshu-staff; a secret)
#   ENSHU_SMB_WORKGROUP  workgroup (default: ENSHU_AD_DOMAIN or WORKGROUP)
# Passwords are no settings: they come in /etc/enshu/secrets (root only, put in by the provider
# before the first start), read in a subshell and removed, so no environment or file keeps them.
# Audit: full_audit to syslog (local5) -> /var/log/syslog and the SOC. Samba logs: /var/log/samba/.
enshu_init
enshu_syslog_start
: "${ENSHU_SHARES:=share:/srv/share}"
: "${ENSHU_SMB_WORKGROUP:=${ENSHU_AD_DOMAIN:-WORKGROUP}}"
nb="$(echo "${ENSHU_HOST}" | tr -cd 'A-Za-z0-9-' | cut -c1-15 | tr a-z A-Z)"
cat >/etc/samba/smb.conf <<CONF
# Enshu file server (generated at start; after editing run: smbcontrol smbd reload-config)
[global]
  workgroup = ${ENSHU_SMB_WORKGROUP}
  netbios name = ${nb:-FILESERVER}
  server string = File server
  server role = standalone server
  security = user
  map to guest = Bad User
  passdb backend = tdbsam
  disable netbios = yes
  smb ports = 445 139
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
  log file = /var/log/samba/log.%m
  max log size = 1000
  logging = file
  log level = 1
  unix charset = UTF-8
  vfs objects = full_audit
  full_audit:prefix = %u|%I|%m|%S
  full_audit:success = connect disconnect openat renameat unlinkat mkdirat
  full_audit:failure = connect openat renameat unlinkat
  full_audit:facility = LOCAL5
  full_audit:priority = NOTICE
CONF
shares=(); enshu_split shares "$ENSHU_SHARES"
for s in "${shares[@]}"; do
  name="${s%%:*}"; path="${s#*:}"
  [ -n "$name" ] && [ -n "$path" ] && [ "$path" != "$s" ] || { enshu_warn "bad share '$s'"; continue; }
  mkdir -p "$path"
  if [ -z "$(ls -A "$path")" ]; then cp -r /usr/local/share/enshu/documents/. "$path/"; fi
  chgrp -R enshu-staff "$path"; chmod -R g+rwX "$path"; find "$path" -type d -exec chmod g+s {} +
  cat >>/etc/samba/smb.conf <<CONF

[$name]
  path = $path
  read only = no
  browseable = yes
  guest ok = no
  valid users = @enshu-staff
  force group = enshu-staff
  create mask = 0664
  directory mask = 2775
CONF
done
( [ -f /etc/enshu/secrets ] && . /etc/enshu/secrets
  users=(); enshu_split users "${ENSHU_SMB_USERS:-}"
  for u in "${users[@]}"; do
    name="${u%%:*}"; pw="${u#*:}"
    id "$name" >/dev/null 2>&1 || useradd -M -d /nonexistent -s /usr/sbin/nologin -G enshu-staff "$name"
    usermod -aG enshu-staff "$name"
    printf '%s\n%s\n' "$pw" "$pw" | smbpasswd -s -a "$name" >/dev/null || enshu_warn "smbpasswd failed for $name"
  done )
rm -f /etc/enshu/secrets
mkdir -p /var/log/samba /run/samba
[ -f /run/samba/smbd.pid ] && kill "$(cat /run/samba/smbd.pid)" 2>/dev/null && sleep 0.5
smbd -D || enshu_warn "smbd failed to start"
enshu_wait_tcp 445 15 || enshu_warn "smbd is not listening on 445"
