"""A local SMS provider for the campaign tests: an HTTP server on loopback taking
`POST /send` (form `to`, `text`, bearer key), answering like real providers do: 200 with
"queued", 400 for a number it refuses, 401 for a wrong key, 503 while "down"."""

from __future__ import annotations

import http.server
import threading
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ekocrm_desktop.services.sms import HttpGatewayConfig

REFUSED_NUMBER = "+33699999999"
KEY = "clé-sms-42"


class SmsGatewayServer(http.server.ThreadingHTTPServer):
    """Records every accepted message; `mode` is "ok", "down" (503) or "auth" (401 whatever the key)."""

    def __init__(self) -> None:
        self.accepted: list[tuple[str, str]] = []
        self.refused: list[str] = []
        self.mode = "ok"
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/send"

    def per_number(self) -> Counter[str]:
        with self.lock:
            return Counter(to for to, _text in self.accepted)

    def config(self, **changes: Any) -> HttpGatewayConfig:
        values: dict[str, Any] = {
            "url": self.url,
            "method": "POST",
            "to_param": "to",
            "text_param": "text",
            "sender_param": "from",
            "sender": "AMIS",
            "key_in": "header",
            "key_name": "Authorization",
            "key_prefix": "Bearer ",
            "success_contains": "queued",
            "timeout": 5,
        }
        values.update(changes)
        return HttpGatewayConfig(**values)


class _Handler(http.server.BaseHTTPRequestHandler):
    server: SmsGatewayServer

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
        to, text = form.get("to", [""])[0], form.get("text", [""])[0]
        if self.server.mode == "down":
            status, body = 503, b'{"error": "maintenance"}'
        elif self.server.mode == "auth" or self.headers.get("Authorization") != f"Bearer {KEY}":
            status, body = 401, b'{"error": "bad key"}'
        elif to == REFUSED_NUMBER:
            status, body = 400, b'{"error": "invalid destination"}'
            with self.server.lock:
                self.server.refused.append(to)
        else:
            status, body = 200, b'{"status": "queued"}'
            with self.server.lock:
                self.server.accepted.append((to, text))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        pass


def gateway_server() -> Iterator[SmsGatewayServer]:
    server = SmsGatewayServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
