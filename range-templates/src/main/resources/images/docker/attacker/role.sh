# attacker: tools only (curl, python3, swaks, smbclient, nmap, ldap-utils, nc, dig).
enshu_init
enshu_syslog_start
