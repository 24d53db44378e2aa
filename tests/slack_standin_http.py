"""The HTTP side of the Slack stand-in (tests/slack_standin.py): read a request the way Slack's
edge does (JSON or form bodies), keep it, and answer with a scripted reply or what Slack would say."""

from __future__ import annotations

import json
import socket
import struct
import time
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from tests.slack_standin_history import read_channel

if TYPE_CHECKING:
    from tests.slack_standin import SlackStandIn


def read_body(kind: str, raw: str) -> dict[str, Any]:
    """A JSON object, or a form whose `blocks`/`attachments` fields hold JSON (as slack_sdk sends)."""
    if kind == "application/json":
        try:
            parsed = json.loads(raw or "{}")
        except json.JSONDecodeError:
            parsed = {}
        return parsed if isinstance(parsed, dict) else {}
    form: dict[str, Any] = {k: v[-1] for k, v in parse_qs(raw, keep_blank_values=True).items()}
    for key in ("blocks", "attachments"):
        if isinstance(form.get(key), str):
            try:
                form[key] = json.loads(form[key])
            except json.JSONDecodeError:
                pass
    return form


def flag(value: Any) -> bool:
    """A boolean argument as Slack reads it from JSON (true) or a form ("true", "1")."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1")
    return value is True or value == 1


READS = ("/api/conversations.history", "/api/conversations.replies")


def handler_class(standin: SlackStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "slack-standin/1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
            pass

        def _body(self) -> tuple[str, dict[str, Any]]:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8", "replace")
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            return raw, read_body(kind, raw)

        def _send(
            self, status: int, body: dict[str, Any] | str, headers: dict[str, str] | None = None
        ) -> None:
            is_json = isinstance(body, dict)
            data = (json.dumps(body) if is_json else body).encode("utf-8")
            try:
                self.send_response(status)
                kind = "application/json; charset=utf-8" if is_json else "text/plain; charset=utf-8"
                if not is_json and body.lstrip().startswith("<"):
                    kind = "text/html; charset=utf-8"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (its timeout): Slack may still have posted

        def _reset(self) -> None:
            """Half an answer, then a TCP reset: SO_LINGER 0 makes close() send RST, not FIN."""
            body = b'{"ok": true, "channel": "C0'
            try:
                self.wfile.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                    + f"Content-Length: {len(body) + 200}\r\n\r\n".encode()
                    + body
                )
                self.wfile.flush()
                linger = struct.pack("ii", 1, 0)
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
            except OSError:
                pass
            self.close_connection = True
            self.connection.close()

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            raw, body = self._body()
            headers = {k.lower(): v for k, v in self.headers.items()}
            scripted = standin.take(
                {
                    "method": "POST",
                    "path": self.path,
                    "headers": headers,
                    "body": body,
                    "raw": raw,
                    "time": time.monotonic(),
                },
                reads=self.path in READS,
            )
            answer = None
            if scripted and scripted.lands and self.path == "/api/chat.postMessage":
                answer = standin.post_message(headers, body)  # posted now, answered late
            if scripted and scripted.delay:
                standin.pause(scripted.delay)
            if scripted and scripted.held:
                standin.hold()
            if scripted and scripted.reset:
                self._reset()
                return
            if scripted and scripted.body is not None:
                self._send(scripted.status, scripted.body, scripted.headers)
            elif answer is not None:
                self._send(200, answer)
            elif self.path == "/api/chat.postMessage":
                self._send(200, standin.post_message(headers, body))
            elif self.path in READS:
                self._send(200, self._read(self.path, headers, body))
            elif self.path.startswith("/api/"):
                self._send(200, {"ok": False, "error": "unknown_method"})
            elif self.path.startswith("/services/"):
                status, text = standin.webhook(self.path, body)
                self._send(status, text)
            else:
                self._send(404, "not found")

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            parts = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            headers = {k.lower(): v for k, v in self.headers.items()}
            request = {"method": "GET", "path": parts.path, "headers": headers, "body": query}
            request = {**request, "raw": parts.query, "time": time.monotonic()}
            reads = parts.path in READS
            scripted = standin.take(request, scripted=reads, reads=reads)
            if scripted and scripted.body is not None:
                self._send(scripted.status, scripted.body, scripted.headers)
            elif parts.path in READS:
                self._send(200, self._read(parts.path, headers, query))
            else:
                self._send(200, {"ok": False, "error": "unknown_method"})

        def _read(self, path: str, headers: dict[str, str], query: dict[str, Any]) -> dict:
            """conversations.history or .replies, asked by GET or POST (slack_sdk posts a form)."""
            auth = headers.get("authorization", "")
            token = auth[len("Bearer ") :] if auth.startswith("Bearer ") else query.get("token")
            metadata = flag(query.get("include_all_metadata"))
            return read_channel(standin, path.removeprefix("/api/"), token, query, metadata)

    return Handler
