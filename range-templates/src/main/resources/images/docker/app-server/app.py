#!/usr/bin/env python3
"""Enshu business application (python3 stdlib only): an HTML page and a JSON API over sqlite3.

ENSHU_APP=orders    受注管理 / order management      resources: orders, customers
ENSHU_APP=research  研究データ管理 / research data    resources: datasets, projects
ENSHU_APP=emr       電子カルテ / medical records      resources: patients, records

GET /                 HTML list of the main resource (?q= filters)
GET /api/<res>        JSON list (?q= filters)        GET /api/<res>/<id>  one item
POST /api/<res>       JSON object -> new row         GET /api/health      {"status": "ok"}
Access log: /var/log/app/access.log. Database: /var/lib/enshu-app/<app>.db (seeded once).
"""
import datetime, html, json, os, socket, sqlite3, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

APP = os.environ.get("ENSHU_APP", "orders")
PORT = int(os.environ.get("ENSHU_APP_PORT", "8080"))
DB = f"/var/lib/enshu-app/{APP}.db"
LOG = "/var/log/app/access.log"

APPS = {
    "orders": {
        "title": "受注管理システム / Order Management", "main": "orders",
        "tables": {
            "customers": ("id INTEGER PRIMARY KEY, code TEXT, name TEXT, contact TEXT, phone TEXT",
                          [("C001", "株式会社さくら精機", "山本 誠", "03-0000-1001"),
                           ("C002", "みなと物産株式会社", "井上 恵", "045-000-2002"),
                           ("C003", "Enshu Trading Co.", "Ken Walker", "06-0000-3003"),
                           ("C004", "ひかり電子工業", "松本 亮", "052-000-4004")]),
            "orders": ("id INTEGER PRIMARY KEY, order_no TEXT, customer TEXT, product TEXT, quantity INTEGER, "
                       "amount_yen INTEGER, status TEXT, ordered_at TEXT",
                       [("PO-2025-0412", "株式会社さくら精機", "制御盤ユニット A-200", 12, 2640000, "出荷済 / shipped", "2025-04-01"),
                        ("PO-2025-0413", "みなと物産株式会社", "センサーモジュール S-10", 300, 1350000, "製造中 / in production", "2025-04-03"),
                        ("PO-2025-0414", "Enshu Trading Co.", "Pump controller PC-7", 40, 3200000, "受付 / received", "2025-04-07"),
                        ("PO-2025-0415", "ひかり電子工業", "保守部品セット M-3", 25, 487500, "見積中 / quoting", "2025-04-08"),
                        ("PO-2025-0416", "株式会社さくら精機", "制御盤ユニット A-300", 5, 1475000, "受付 / received", "2025-04-10")]),
        },
        "columns": ["order_no", "customer", "product", "quantity", "amount_yen", "status", "ordered_at"],
    },
    "research": {
        "title": "研究データ管理システム / Research Data Repository", "main": "datasets",
        "tables": {
            "projects": ("id INTEGER PRIMARY KEY, code TEXT, name TEXT, leader TEXT",
                         [("RD-101", "次世代電池材料の開発", "高木 博士"),
                          ("RD-102", "Water treatment membrane study", "Dr. Hayashi"),
                          ("RD-103", "車載制御ソフトウェア検証", "岡田 主任研究員")]),
            "datasets": ("id INTEGER PRIMARY KEY, project TEXT, title TEXT, owner TEXT, classification TEXT, "
                         "size_mb INTEGER, updated_at TEXT",
                         [("RD-101", "正極材料 試作評価データ 第3期", "高木", "機密 / confidential", 820, "2025-03-28"),
                          ("RD-101", "特許出願準備資料（未公開）", "高木", "極秘 / secret", 45, "2025-04-02"),
                          ("RD-102", "Membrane flux measurements 2024", "Hayashi", "社外秘 / internal", 310, "2025-02-14"),
                          ("RD-103", "制御ECU 試験ログ", "岡田", "社外秘 / internal", 2048, "2025-04-09"),
                          ("RD-102", "Conference poster (public)", "Hayashi", "公開 / public", 12, "2025-01-20")]),
        },
        "columns": ["project", "title", "owner", "classification", "size_mb", "updated_at"],
    },
    "emr": {
        "title": "電子カルテシステム / Electronic Medical Records", "main": "patients",
        "tables": {
            "patients": ("id INTEGER PRIMARY KEY, patient_no TEXT, name TEXT, kana TEXT, birth TEXT, sex TEXT, "
                         "blood TEXT, ward TEXT",
                         [("P-000101", "山田 太郎", "ヤマダ タロウ", "1948-05-12", "M", "A+", "内科 3階東"),
                          ("P-000102", "鈴木 花子", "スズキ ハナコ", "1956-09-30", "F", "O+", "外科 4階西"),
                          ("P-000103", "佐々木 一郎", "ササキ イチロウ", "1972-01-08", "M", "B+", "外来"),
                          ("P-000104", "高橋 美和", "タカハシ ミワ", "1989-11-23", "F", "AB-", "産婦人科 2階"),
                          ("P-000105", "John Smith", "ジョン スミス", "1965-03-17", "M", "O-", "整形外科 4階東")]),
            "records": ("id INTEGER PRIMARY KEY, patient_no TEXT, date TEXT, department TEXT, doctor TEXT, "
                        "diagnosis TEXT, note TEXT",
                        [("P-000101", "2025-04-01", "内科", "中島 医師", "2型糖尿病", "HbA1c 7.8%。食事指導。"),
                         ("P-000102", "2025-04-03", "外科", "吉田 医師", "胆石症", "腹腔鏡下胆嚢摘出術 予定 4/15"),
                         ("P-000103", "2025-04-05", "循環器内科", "森 医師", "高血圧症", "降圧薬継続。"),
                         ("P-000104", "2025-04-07", "産婦人科", "石井 医師", "妊娠 28週", "経過良好。"),
                         ("P-000105", "2025-04-08", "整形外科", "Dr. Brown", "Fracture of left radius", "Cast applied.")]),
        },
        "columns": ["patient_no", "name", "kana", "birth", "sex", "blood", "ward"],
    },
}
SPEC = APPS.get(APP, APPS["orders"])
lock = threading.Lock()


def db():
    con = sqlite3.connect(DB, timeout=10)
    con.row_factory = sqlite3.Row
    return con


def seed():
    os.makedirs(os.path.dirname(DB), exist_ok=True)
    with db() as con:
        for table, (schema, rows) in SPEC["tables"].items():
            con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({schema})")
            if con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0:
                cols = [c.split()[0] for c in schema.split(", ")][1:]
                con.executemany(f"INSERT INTO {table} ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})", rows)


def columns(table):
    return [c.split()[0] for c in SPEC["tables"][table][0].split(", ")]


def query(table, q=None):
    with db() as con:
        if q:
            cond = " OR ".join(f"CAST({c} AS TEXT) LIKE ?" for c in columns(table)[1:])
            rows = con.execute(f"SELECT * FROM {table} WHERE {cond}", [f"%{q}%"] * (len(columns(table)) - 1))
        else:
            rows = con.execute(f"SELECT * FROM {table}")
        return [dict(r) for r in rows]


class Handler(BaseHTTPRequestHandler):
    server_version = "EnshuApp/1.4"
    sys_version = ""

    def log_message(self, fmt, *args):
        pass

    def log_request(self, code="-", size="-"):
        if self.client_address[0] in ("127.0.0.1", "::1") and self.headers.get("X-Enshu-Ready"):
            return
        now = datetime.datetime.now().astimezone().strftime("%d/%b/%Y:%H:%M:%S %z")
        line = (f'{self.client_address[0]} - - [{now}] "{self.requestline}" {code} {size} '
                f'"{self.headers.get("Referer", "-")}" "{self.headers.get("User-Agent", "-")}" app={APP}\n')
        with lock, open(LOG, "a", encoding="utf-8") as f:
            f.write(line)

    def send(self, code, body, ctype):
        data = body.encode("utf-8")
        self.send_response(code, None)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def send_json(self, code, obj):
        self.send(code, json.dumps(obj, ensure_ascii=False, indent=1) + "\n", "application/json; charset=utf-8")

    def upath(self):
        # http.server decodes the request line as latin-1; clients may send raw UTF-8.
        try:
            return self.path.encode("latin-1").decode("utf-8")
        except UnicodeError:
            return self.path

    def do_GET(self):
        url = urlparse(self.upath())
        q = (parse_qs(url.query).get("q") or [""])[0]
        parts = [p for p in url.path.split("/") if p]
        if parts == ["api", "health"]:
            return self.send_json(200, {"status": "ok", "app": APP, "host": socket.gethostname()})
        if len(parts) in (2, 3) and parts[0] == "api" and parts[1] in SPEC["tables"]:
            rows = query(parts[1], q)
            if len(parts) == 3:
                hit = [r for r in rows if str(r["id"]) == parts[2]]
                return self.send_json(200, hit[0]) if hit else self.send_json(404, {"error": "not found"})
            return self.send_json(200, {"items": rows, "count": len(rows)})
        if not parts or parts == ["index.html"]:
            return self.send(200, self.page(q), "text/html; charset=utf-8")
        self.send_json(404, {"error": "not found"})

    def do_POST(self):
        parts = [p for p in urlparse(self.upath()).path.split("/") if p]
        if len(parts) != 2 or parts[0] != "api" or parts[1] not in SPEC["tables"]:
            return self.send_json(404, {"error": "not found"})
        try:
            obj = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            cols = [c for c in columns(parts[1])[1:] if c in obj]
            if not cols:
                raise ValueError("no known fields")
        except (ValueError, TypeError) as e:
            return self.send_json(400, {"error": str(e)})
        with db() as con:
            cur = con.execute(f"INSERT INTO {parts[1]} ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                              [obj[c] for c in cols])
        self.send_json(201, {"id": cur.lastrowid})

    def page(self, q):
        cols = SPEC["columns"]
        rows = query(SPEC["main"], q)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(str(r[c]))}</td>" for c in cols) + "</tr>" for r in rows)
        links = " ".join(f'<a href="/api/{t}">/api/{t}</a>' for t in SPEC["tables"])
        return f"""<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>{SPEC['title']}</title>
<style>body{{font-family:sans-serif;margin:24px}}table{{border-collapse:collapse}}th,td{{border:1px solid #bbb;padding:4px 10px}}th{{background:#e8eef6}}</style></head>
<body><h1>{SPEC['title']}</h1><p>ホスト / host: {html.escape(socket.gethostname())} — 社内限定 / internal use only</p>
<form method="get"><input name="q" value="{html.escape(q)}" placeholder="検索 / search"> <button>検索 / Search</button></form>
<table><tr>{''.join(f'<th>{c}</th>' for c in cols)}</tr>{body}</table><p>{len(rows)} 件 / records. JSON API: {links}</p></body></html>"""


class Server(ThreadingHTTPServer):
    address_family = socket.AF_INET
    daemon_threads = True
    allow_reuse_address = True


if __name__ == "__main__":
    seed()
    Server(("0.0.0.0", PORT), Handler).serve_forever()
