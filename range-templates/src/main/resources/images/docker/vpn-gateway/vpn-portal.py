#!/usr/bin/env python3
"""Enshu simulated SSL-VPN appliance portal (python3 stdlib). Shows an old firmware version and
logs every login attempt; a successful login only shows a static "connected" page.

Passwords: /etc/vpn-portal/passwd, one "user:salt:hash" line per account (PBKDF2-SHA256), written at
the first start by `vpn-portal.py --hash` from "user:password;..." on standard input.
ENSHU_VPN_PORT   HTTPS port (default 443)
Account states: /etc/vpn-portal/accounts, one "user:enabled" or "user:disabled" line per account,
written at the first start and read at every login (the appliance's administrator disables an
account with `vpnctl disable USER`). An account missing from the file cannot log in.
Logs: /var/log/vpn/auth.log (logins/logouts), /var/log/vpn/access.log (every request).
"""
import datetime, hashlib, hmac, html, os, secrets, socket, ssl, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PRODUCT, MODEL, FIRMWARE, BUILD = "SecureLink SSL-VPN", "SL-100", "5.6.3", "build1108 (2019-03-12)"
PORT = int(os.environ.get("ENSHU_VPN_PORT", "443"))
PASSWD = "/etc/vpn-portal/passwd"
ROUNDS = 100_000


def digest(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), ROUNDS).hex()


if len(sys.argv) > 1 and sys.argv[1] == "--hash":
    for item in sys.stdin.read().split(";"):
        if ":" in item:
            user, password = item.split(":", 1)
            salt = secrets.token_hex(16)
            print(f"{user.strip()}:{salt}:{digest(password, salt)}")
    sys.exit(0)


def password_ok(user, password):
    """Whether the password is the account's, by its hash in the appliance's password file."""
    try:
        with open(PASSWD, encoding="utf-8") as f:
            for line in f:
                name, salt, hashed = (line.strip().split(":", 2) + ["", ""])[:3]
                if name == user and salt:
                    return hmac.compare_digest(digest(password, salt), hashed)
    except OSError:
        pass
    return False

ACCOUNTS = "/etc/vpn-portal/accounts"
SESSIONS = {}
lock = threading.Lock()

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{product}</title>
<style>body{{font-family:Arial,sans-serif;background:#2b3a4a;color:#eee}}.box{{width:360px;margin:80px auto;background:#fff;color:#222;padding:24px;border-radius:4px}}
input{{width:100%;margin:6px 0;padding:6px}}.ver{{color:#888;font-size:11px;margin-top:16px}}.err{{color:#b00}}</style></head>
<body><div class="box"><h2>{product}</h2>{content}<div class="ver">{model} &middot; Firmware v{fw} {build}</div></div>
<!-- {product} v{fw} {build} --></body></html>"""


def now():
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def enabled(user):
    """Whether the account is enabled in the appliance's account file (read at every login)."""
    try:
        with open(ACCOUNTS, encoding="utf-8") as f:
            return f"{user}:enabled" in (line.strip() for line in f)
    except OSError:
        return False


def write(path, line):
    with lock, open(path, "a", encoding="utf-8") as f:
        f.write(line + "\n")


class Handler(BaseHTTPRequestHandler):
    server_version = "SecureLink-httpsd"
    sys_version = ""

    def log_message(self, fmt, *args):
        pass

    def log_request(self, code="-", size="-"):
        if self.client_address[0] in ("127.0.0.1", "::1") and self.headers.get("X-Enshu-Ready"):
            return
        write("/var/log/vpn/access.log", f'{now()} {self.client_address[0]} "{self.requestline}" {code} '
                                         f'"{self.headers.get("User-Agent", "-")}"')

    def auth(self, event, user, ok, reason=""):
        line = f"{now()} {event} user={user} src={self.client_address[0]} result={'success' if ok else 'failure'}"
        if reason:
            line += f" reason={reason}"
        write("/var/log/vpn/auth.log", line)  # forwarded to the SOC by rsyslog (imfile)

    def page(self, content, code=200, headers=()):
        data = PAGE.format(product=PRODUCT, model=MODEL, fw=FIRMWARE, build=BUILD, content=content).encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def redirect(self, where, headers=()):
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()

    def session_user(self):
        for part in (self.headers.get("Cookie") or "").split(";"):
            k, _, v = part.strip().partition("=")
            if k == "SVPNCOOKIE":
                return SESSIONS.get(v)
        return None

    def login_form(self, error=""):
        err = f'<p class="err">{html.escape(error)}</p>' if error else ""
        return (f'<p>Please login / ログインしてください</p>{err}<form method="post" action="/remote/logincheck">'
                '<input name="username" placeholder="Username"><input name="credential" type="password" '
                'placeholder="Password"><input type="submit" value="Login"></form>')

    def do_GET(self):
        path = urlparse(self.path).path
        if path in ("/", "/remote", "/remote/"):
            return self.redirect("/remote/login")
        if path == "/remote/login":
            return self.page(self.login_form())
        if path == "/remote/info":
            data = f'{{"product":"{PRODUCT}","model":"{MODEL}","firmware":"{FIRMWARE}","build":"{BUILD}"}}\n'.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return self.wfile.write(data)
        if path == "/remote/portal":
            user = self.session_user()
            if not user or not enabled(user):
                return self.redirect("/remote/login")
            return self.page(f"<p>Welcome, {html.escape(user)}.</p><p>Tunnel mode: connected (maintenance network)."
                             '</p><p><a href="/remote/logout">Logout</a></p>')
        if path == "/remote/logout":
            user = self.session_user()
            if user:
                self.auth("logout", user, True)
            return self.redirect("/remote/login", [("Set-Cookie", "SVPNCOOKIE=; Path=/; Max-Age=0")])
        self.page("<p>404 Not Found</p>", 404)

    def do_POST(self):
        if urlparse(self.path).path != "/remote/logincheck":
            return self.page("<p>404 Not Found</p>", 404)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
        form = parse_qs(body)
        user = (form.get("username") or [""])[0][:64]
        password = (form.get("credential") or form.get("password") or [""])[0]
        ok = password_ok(user, password)
        if ok and not enabled(user):
            self.auth("login", user, False, "account-disabled")
            return self.page(self.login_form("Account disabled / アカウントは無効です"), 403)
        self.auth("login", user or "-", ok)
        if not ok:
            return self.page(self.login_form("Login failed / 認証に失敗しました"), 401)
        token = secrets.token_hex(16)
        SESSIONS[token] = user
        self.redirect("/remote/portal", [("Set-Cookie", f"SVPNCOOKIE={token}; Path=/; Secure; HttpOnly")])


class Server(ThreadingHTTPServer):
    address_family = socket.AF_INET
    daemon_threads = True
    allow_reuse_address = True


if __name__ == "__main__":
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain("/etc/enshu-vpn/cert.pem", "/etc/enshu-vpn/key.pem")
    srv = Server(("0.0.0.0", PORT), Handler)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    srv.serve_forever()
