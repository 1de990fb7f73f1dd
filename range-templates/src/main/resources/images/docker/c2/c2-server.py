#!/usr/bin/env python3
"""Enshu simulated C2 server. Logs every request (time, source, method, path, Host, User-Agent)
to /var/log/c2/beacons.log and syslog; answers beacons with tasking JSON from /srv/c2/tasks.json;
stores POST /upload bodies (exfiltration) in /srv/c2/loot/. No real implant functionality."""
import datetime, json, os, re, socket, syslog, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

PORT = int(os.environ.get("ENSHU_C2_PORT", "80"))
LOG = "/var/log/c2/beacons.log"
LOOT = "/srv/c2/loot"
TASKS = "/srv/c2/tasks.json"
READY_PATH = "/__enshu_ready"
lock = threading.Lock()
syslog.openlog("c2", 0, syslog.LOG_LOCAL5)


def tasking(implant):
    try:
        with open(TASKS, encoding="utf-8") as f:
            tasks = json.load(f)
    except (OSError, ValueError):
        tasks = {}
    return tasks.get(implant) or tasks.get("default") or {"task": "sleep", "interval": 60}


class Handler(BaseHTTPRequestHandler):
    server_version = "nginx/1.18.0"
    sys_version = ""

    def log_message(self, fmt, *args):
        pass

    def record(self, status, extra=""):
        if self.path == READY_PATH and self.client_address[0] in ("127.0.0.1", "::1"):
            return
        now = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        line = (f'{now} src={self.client_address[0]} method={self.command} path="{self.path}" '
                f'host="{self.headers.get("Host", "-")}" ua="{self.headers.get("User-Agent", "-")}" '
                f'xff="{self.headers.get("X-Forwarded-For", "-")}" status={status}{extra}')
        with lock, open(LOG, "a", encoding="utf-8") as f:
            f.write(line + "\n")
        syslog.syslog(syslog.LOG_INFO, line)

    def implant_id(self):
        q = parse_qs(urlparse(self.path).query)
        return (q.get("id") or [self.headers.get("X-Id", "")])[0] or self.client_address[0]

    def reply(self, status, body, ctype="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_GET(self):
        if self.path == READY_PATH:
            self.record(200)
            return self.reply(200, "ok\n", "text/plain")
        implant = self.implant_id()
        task = dict(tasking(implant), id=implant,
                    server_time=datetime.datetime.now().astimezone().isoformat(timespec="seconds"))
        self.record(200, f' implant="{implant}"')
        self.reply(200, json.dumps(task) + "\n")

    do_HEAD = do_GET

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 200 * 1024 * 1024)) if length else b""
        path = urlparse(self.path).path
        if path.startswith("/upload"):
            q = parse_qs(urlparse(self.path).query)
            name = (q.get("name") or [self.headers.get("X-Filename", "")])[0] or "data.bin"
            name = re.sub(r"[^\w.\-]+", "_", os.path.basename(name))[:120] or "data.bin"
            stamp = datetime.datetime.now().strftime("%Y%m%dT%H%M%S")
            dest = os.path.join(LOOT, f"{stamp}_{self.client_address[0]}_{name}")
            with open(dest, "wb") as f:
                f.write(body)
            self.record(200, f' upload="{os.path.basename(dest)}" bytes={len(body)}')
            return self.reply(200, json.dumps({"status": "ok", "stored": len(body)}) + "\n")
        implant = self.implant_id()
        self.record(200, f' implant="{implant}" bytes={len(body)}')
        self.reply(200, json.dumps(dict(tasking(implant), id=implant)) + "\n")


class Server(ThreadingHTTPServer):
    address_family = socket.AF_INET
    daemon_threads = True
    allow_reuse_address = True


if __name__ == "__main__":
    os.makedirs(LOOT, exist_ok=True)
    Server(("0.0.0.0", PORT), Handler).serve_forever()
