"""A loopback stand-in for the Slack Web API and incoming webhooks, answering the way Slack does.

    with SlackStandIn(channels=["C0FUNDING1"]) as slack:
        client = WebClient(token=slack.token, base_url=slack.api_url)
        slack.script(rate_limited(retry_after=1))     # the next call gets a 429
        ...
        slack.posts      # accepted messages: channel, text, blocks, thread_ts, reply_broadcast, ts
        slack.requests   # every request: path, headers, body, raw, time

Run on its own for crash tests in other processes (each accepted post is appended to FILE as a
JSON line, flushed and fsynced), from the repository root:

    python -m tests.slack_standin --port 8765 --state posts.jsonl [--token T] [--channels C1,C2]

The HTTP side (parsing requests, writing answers) is in tests/slack_standin_http.py.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from collections import deque
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from spiders.sources.site import STOP_POLL
from tests.slack_standin_blocks import block_errors
from tests.slack_standin_http import flag, handler_class
from tests.slack_standin_scripts import (  # noqa: F401 - where the tests import them from
    Scripted,
    held,
    lands_late,
    rate_limited,
    reset_mid_answer,
    server_error,
    stall,
)

DEFAULT_TOKEN = "xoxb-fundwatch-test-token"
DEFAULT_CHANNELS = ("C0FUNDING1", "C0FUNDING2")
DEFAULT_WEBHOOK_PATH = "/services/T000/B000/XXXX"
MAX_TEXT = 40_000

# How Slack answers an incoming webhook that cannot post, by the error it names.
WEBHOOK_STATUS = {
    "ok": 200,
    "invalid_payload": 400,
    "invalid_token": 403,
    "action_prohibited": 403,
    "no_service": 404,
    "channel_not_found": 404,
    "channel_is_archived": 410,
}


class SlackStandIn:
    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        channels: tuple[str, ...] | list[str] = DEFAULT_CHANNELS,
        not_in_channel: tuple[str, ...] | list[str] = (),
        archived: tuple[str, ...] | list[str] = (),
        webhooks: dict[str, str] | None = None,
        state_file: str | Path | None = None,
        port: int = 0,
        scopes: tuple[str, ...] | list[str] = ("chat:write",),
        epoch: float = 1_700_000_000,
    ) -> None:
        self.token = token
        self.scopes = set(scopes)  # the bot token's: history needs channels:history
        self.epoch = int(epoch)  # message ts are counted from here
        self.channels = set(channels)
        self.not_in_channel = set(not_in_channel)
        self.archived = set(archived)
        # path → "ok" or the error Slack answers for it ("invalid_token", "no_service", …)
        self.webhooks = dict(webhooks) if webhooks is not None else {DEFAULT_WEBHOOK_PATH: "ok"}
        self.state_file = Path(state_file) if state_file else None
        self.requests: list[dict[str, Any]] = []
        self.posts: list[dict[str, Any]] = []
        self._queue: deque[Scripted] = deque()
        self._read_queue: deque[Scripted] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._released = threading.Event()  # held requests go on (release())
        self._ts = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", port), handler_class(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread: threading.Thread | None = None

    # --- lifecycle -----------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def webhook_url(self, path: str = DEFAULT_WEBHOOK_PATH) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> SlackStandIn:
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": STOP_POLL},
            name="slack-standin",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._released.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def script(self, *responses: Scripted) -> None:
        """Answer the next len(responses) posts (API or webhook) with these, in order; reading a
        channel back (conversations.*) is answered as Slack would, unless script_reads says."""
        with self._lock:
            self._queue.extend(responses)

    def script_reads(self, *responses: Scripted) -> None:
        """Answer the next len(responses) reads of a channel (conversations.*) with these."""
        with self._lock:
            self._read_queue.extend(responses)

    def take(
        self, request: dict[str, Any], scripted: bool = True, reads: bool = False
    ) -> Scripted | None:
        """Keep a request (the HTTP layer calls this); the scripted answer for it, if it may have
        one and one is queued (`reads`: from the queue for reading a channel back)."""
        with self._lock:
            self.requests.append(request)
            queue = self._read_queue if reads else self._queue
            return queue.popleft() if queue and scripted else None

    def pause(self, seconds: float) -> None:
        """Wait as a scripted `delay` asks, but never past stop()."""
        self._stopping.wait(seconds)

    def hold(self) -> None:
        """Wait as a `held` answer asks: until release() or stop()."""
        self._released.wait()

    def release(self) -> None:
        """Let the held requests be answered, and every later held one at once."""
        self._released.set()

    def hold_again(self) -> None:
        """After release(): held requests from now on wait again, for the next release()."""
        self._released.clear()

    # --- what Slack would do -------------------------------------------------------------------

    def _next_ts(self) -> str:
        self._ts += 1
        return f"{self.epoch + self._ts}.000100"

    def _accept(self, post: dict[str, Any]) -> None:
        self.posts.append(post)
        if self.state_file:
            with self.state_file.open("a", encoding="utf-8") as out:
                out.write(json.dumps(post, ensure_ascii=False) + "\n")
                out.flush()
                os.fsync(out.fileno())

    def post_message(self, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
        """chat.postMessage, as Slack answers it (HTTP 200 with ok true or false)."""
        auth = headers.get("authorization", "")
        token = auth[len("Bearer ") :] if auth.startswith("Bearer ") else body.get("token")
        if not token:
            return {"ok": False, "error": "not_authed"}
        if token != self.token:
            return {"ok": False, "error": "invalid_auth"}
        channel = body.get("channel")
        if channel in self.not_in_channel:
            return {"ok": False, "error": "not_in_channel"}
        if channel in self.archived:
            return {"ok": False, "error": "is_archived"}
        if channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        text, blocks = body.get("text"), body.get("blocks")
        if not text and not blocks:
            return {"ok": False, "error": "no_text"}
        if text and len(text) > MAX_TEXT:
            return {"ok": False, "error": "msg_too_long"}
        if blocks is not None:
            errors = block_errors(blocks)
            if errors:
                return {"ok": False, "error": "invalid_blocks", "errors": errors}
        thread_ts = body.get("thread_ts") or None
        # "Also send to channel": only a reply can be broadcast; Slack ignores it otherwise.
        broadcast = bool(thread_ts) and flag(body.get("reply_broadcast"))
        with self._lock:
            ts = self._next_ts()
            post = {
                "via": "api",
                "channel": channel,
                "text": text,
                "blocks": blocks,
                "thread_ts": thread_ts,
                "reply_broadcast": broadcast,
                "ts": ts,
                "metadata": body.get("metadata"),
                "time": time.monotonic(),
            }
            self._accept(post)
        message = {
            "type": "message",
            "subtype": "thread_broadcast" if broadcast else "bot_message",
            "text": text,
            "blocks": blocks,
            "ts": ts,
        }
        if thread_ts:
            message["thread_ts"] = thread_ts
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def webhook(self, path: str, body: dict[str, Any]) -> tuple[int, str]:
        state = self.webhooks.get(path, "no_service")
        if state != "ok":
            return WEBHOOK_STATUS.get(state, 400), state
        if not body.get("text") and not body.get("blocks"):
            return 400, "no_text"
        if body.get("blocks") is not None and block_errors(body["blocks"]):
            return 400, "invalid_blocks"
        with self._lock:
            self._accept(
                {
                    "via": "webhook",
                    "webhook": path,
                    "channel": None,
                    "text": body.get("text"),
                    "blocks": body.get("blocks"),
                    "thread_ts": None,
                    "reply_broadcast": False,
                    "ts": None,
                    "time": time.monotonic(),
                }
            )
        return 200, "ok"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument(
        "--state", required=True, help="append each accepted post here as a JSON line"
    )
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--channels", default=",".join(DEFAULT_CHANNELS))
    args = parser.parse_args(argv)
    standin = SlackStandIn(
        token=args.token,
        channels=[c for c in args.channels.split(",") if c],
        state_file=args.state,
        port=args.port,
    )
    done = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: done.set())
    with standin:
        print(f"ready {standin.api_url}", flush=True)
        while not done.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
