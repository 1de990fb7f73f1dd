#!/usr/bin/env python3
"""Create or update AD users from "user:password;..." read on standard input (the role script
passes ENSHU_AD_USERS, a secret, so that no command line or environment shows it) in the local
sam.ldb, in one process (much faster than one samba-tool call per user)."""
import os, sys
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

lp = LoadParm()
lp.load_default()
sam = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
for item in sys.stdin.read().split(";"):
    item = item.strip()
    if not item or ":" not in item:
        continue
    user, password = item.split(":", 1)
    user = user.strip()
    try:
        if sam.search(expression=f"(sAMAccountName={user})", attrs=["dn"]):
            sam.setpassword(f"(sAMAccountName={user})", password)
            print(f"updated {user}")
        else:
            sam.newuser(user, password, surname=user, mailaddress=f"{user}@{lp.get('realm').lower()}")
            print(f"created {user}")
    except Exception as e:  # keep going: one bad password must not stop the others
        print(f"failed {user}: {e}", file=sys.stderr)
