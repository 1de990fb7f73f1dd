#!/usr/bin/env python3
"""Enshu mail sanitiser (postfix pipe content filter).

Usage: sanitise.py -f SENDER -- RECIPIENT...   (message on stdin)
Keeps the original in /var/spool/sanitiser/quarantine/, replaces every attachment (and any
non-text part) by a short text part naming the removed file and its SHA-256, logs one line per
message to syslog (mail facility, tag "sanitiser"), and hands the result to
ENSHU_SANITISER_NEXT_HOP:25. Exit codes follow sysexits: 75 = try again later.
"""
import datetime, email, hashlib, os, smtplib, socket, sys, syslog, uuid
from email import policy

QUARANTINE = "/var/spool/sanitiser/quarantine"
EX_TEMPFAIL, EX_UNAVAILABLE, EX_USAGE = 75, 69, 64


def next_hop():
    try:
        with open("/etc/enshu/sanitiser-next-hop", encoding="utf-8") as f:
            return f.read().strip()
    except OSError:
        return os.environ.get("ENSHU_SANITISER_NEXT_HOP", "").strip()


def note(name, size, digest):
    return ("[無害化済み / Sanitised]\n"
            f"添付ファイル「{name}」（{size} バイト）は無害化サーバにより削除されました。\n"
            f"The attachment \"{name}\" ({size} bytes) was removed by the mail sanitisation server.\n"
            f"SHA-256: {digest}\n"
            "原本が必要な場合は情報システム担当へ連絡してください。 / "
            "Ask the IT desk if you need the original.\n")


def sanitise(msg):
    removed = []
    parts = [msg] if not msg.is_multipart() else [p for p in msg.walk() if not p.is_multipart()]
    for part in parts:
        name = part.get_filename()
        ctype = part.get_content_type()
        if not (part.is_attachment() or name or part.get_content_maintype() != "text"):
            continue
        if part is msg and ctype in ("text/plain", "text/html"):
            continue
        data = part.get_payload(decode=True) or b""
        digest = hashlib.sha256(data).hexdigest()
        name = name or f"(unnamed {ctype})"
        removed.append((name, len(data), digest))
        part.clear_content()
        part.set_content(note(name, len(data), digest), charset="utf-8", disposition="inline")
        if part is not msg:
            del part["MIME-Version"]
    return removed


def main(argv):
    if "--" not in argv or "-f" not in argv:
        return EX_USAGE
    sender = argv[argv.index("-f") + 1]
    rcpts = argv[argv.index("--") + 1:]
    raw = sys.stdin.buffer.read()
    syslog.openlog("sanitiser", syslog.LOG_PID, syslog.LOG_MAIL)
    stamp = datetime.datetime.now().strftime("%Y%m%dT%H%M%S")
    qfile = os.path.join(QUARANTINE, f"{stamp}-{uuid.uuid4().hex[:8]}.eml")
    with open(qfile, "wb") as f:
        f.write(raw)
    msg = email.message_from_bytes(raw, policy=policy.SMTP)
    removed = sanitise(msg)
    if "X-Enshu-Sanitiser" in msg:
        del msg["X-Enshu-Sanitiser"]
    msg["X-Enshu-Sanitiser"] = f"{socket.gethostname()}; removed={len(removed)}"
    hop = next_hop()
    desc = "; ".join(f'"{n}" {s}B sha256={d}' for n, s, d in removed) or "none"
    base = (f'from=<{sender}> to=<{",".join(rcpts)}> subject="{msg.get("Subject", "")}" '
            f'message-id={msg.get("Message-ID", "-")} quarantine={os.path.basename(qfile)} '
            f'attachments_removed={len(removed)} [{desc}]')
    if not hop:
        syslog.syslog(syslog.LOG_ERR, base + " status=deferred (no next hop configured)")
        return EX_TEMPFAIL
    try:
        with smtplib.SMTP(hop, 25, timeout=30, local_hostname=socket.gethostname()) as s:
            refused = s.sendmail(sender, rcpts, msg.as_bytes(policy=policy.SMTP))
    except smtplib.SMTPRecipientsRefused as e:
        syslog.syslog(syslog.LOG_WARNING, base + f" status=bounced next_hop={hop} ({e})")
        return EX_UNAVAILABLE
    except (OSError, smtplib.SMTPException) as e:
        syslog.syslog(syslog.LOG_WARNING, base + f" status=deferred next_hop={hop} ({e})")
        return EX_TEMPFAIL
    syslog.syslog(syslog.LOG_INFO, base + f" status=sent next_hop={hop}"
                  + (f" refused={list(refused)}" if refused else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
