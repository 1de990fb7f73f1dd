#!/usr/bin/env python3
"""Make sure the DHCP relay on this firewall is not blocked by the loaded ruleset: insert
'udp dport 67 accept' at the top of every base chain hooked on input, and 'udp sport 67 accept'
/ 'udp dport { 67, 68 } accept' on output chains. Forward chains are left as they are."""
import json, subprocess, sys

out = subprocess.run(["nft", "-j", "list", "chains"], capture_output=True, text=True)
if out.returncode != 0:
    sys.exit(0)
for item in json.loads(out.stdout).get("nftables", []):
    ch = item.get("chain")
    if not ch or ch.get("family") not in ("inet", "ip") or ch.get("type") != "filter":
        continue
    rules = {"input": ["udp dport 67 accept"],
             "output": ["udp sport 67 accept", "udp dport { 67, 68 } accept"]}.get(ch.get("hook"), [])
    for rule in rules:
        cmd = ["nft", "insert", "rule", ch["family"], ch["table"], ch["name"]] + rule.split()
        r = subprocess.run(cmd, capture_output=True, text=True)
        print(("ok " if r.returncode == 0 else "failed ") + " ".join(cmd[3:]) + " " + r.stderr.strip())
