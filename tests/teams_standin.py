"""A loopback stand-in for a Teams Workflows webhook, answering the way the endpoint does.

    with TeamsStandIn() as teams:
        env = {"TEAMS_HOOK": teams.url()}
        teams.script(throttled(retry_after=120))   # the next request gets a 429
        ...
        teams.posts      # accepted cards: path, card, time
        teams.requests   # every request: path, headers, body, raw, time

A valid payload ({"type": "message", "attachments": [{"contentType":
"application/vnd.microsoft.card.adaptive", "content": <card>}]}) gets 202 Accepted with an empty
body, as a flow's trigger answers once its run starts. A payload whose card lacks what the Adaptive
Card schema requires gets 400 with a JSON error; one over 28 KB gets 413. A flow's path can be
made to answer as a flow needing sign-in (401), turned off (403) or deleted (404).
`card_errors` is the schema check, shared with tests/test_teams_cards.py.

One card can be refused while the others go through, whenever it comes (the order of posts is the
channel's business, not the test's):

    teams.refuse(lambda card: card["body"][0]["text"] == "Fund opp-2", card_too_large())
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from spiders.sources.site import STOP_POLL

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
DEFAULT_PATH = "/powerautomate/automations/direct/workflows/0f00/triggers/manual/paths/invoke"
SECRET_QUERY = "?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=s3cr3tSignatureXYZ"
MAX_BYTES = 28_000
VERSIONS = ("1.0", "1.1", "1.2", "1.3", "1.4", "1.5")

# Required properties of the elements and actions fundwatch may use (adaptivecards.io explorer).
ELEMENTS = {
    "TextBlock": ("text",),
    "FactSet": ("facts",),
    "Container": ("items",),
    "ColumnSet": (),
    "Image": ("url",),
    "ActionSet": ("actions",),
    "RichTextBlock": ("inlines",),
}
ACTIONS = {
    "Action.OpenUrl": ("url", "title"),  # title: the schema lets it go; a button needs one
    "Action.Submit": (),
    "Action.ShowCard": ("card",),
    "Action.ToggleVisibility": ("targetElements",),
}
STATES = {  # how a flow's trigger answers when it cannot run
    "signin": (401, "DirectApiAuthorizationRequired"),
    "off": (403, "WorkflowTriggerIsNotEnabled"),
    "deleted": (404, "WorkflowNotFound"),
}


def _action_errors(action: Any, where: str) -> list[str]:
    if not isinstance(action, dict) or action.get("type") not in ACTIONS:
        return [f"{where}: not a known action"]
    errors = [
        f"{where}: {action['type']} needs '{key}'"
        for key in ACTIONS[action["type"]]
        if not isinstance(action.get(key), str | dict | list) or action.get(key) in ("", [], {})
    ]
    url = action.get("url")
    if action["type"] == "Action.OpenUrl" and isinstance(url, str):
        if not url.lower().startswith(("http://", "https://")):
            errors.append(f"{where}: Action.OpenUrl url must be http(s)")
    return errors


def _element_errors(element: Any, where: str) -> list[str]:
    if not isinstance(element, dict) or not isinstance(element.get("type"), str):
        return [f"{where}: an element needs a 'type'"]
    kind = element["type"]
    if kind not in ELEMENTS:
        return [f"{where}: unknown element type {kind!r}"]
    errors = [f"{where}: {kind} needs '{key}'" for key in ELEMENTS[kind] if key not in element]
    if kind == "TextBlock" and not isinstance(element.get("text"), str):
        errors.append(f"{where}: TextBlock text must be a string")
    for index, fact in enumerate(element.get("facts") or []):
        if not (isinstance(fact, dict) and {"title", "value"} <= fact.keys()):
            errors.append(f"{where}/facts/{index}: a Fact needs 'title' and 'value'")
    for index, item in enumerate(element.get("items") or []):
        errors += _element_errors(item, f"{where}/items/{index}")
    if "selectAction" in element:
        errors += _action_errors(element["selectAction"], f"{where}/selectAction")
    for index, action in enumerate(element.get("actions") or []):
        errors += _action_errors(action, f"{where}/actions/{index}")
    return errors


def card_errors(card: Any) -> list[str]:
    """What the Adaptive Card schema would say about a card: type, version, body, actions."""
    if not isinstance(card, dict) or card.get("type") != "AdaptiveCard":
        return ["the card needs type 'AdaptiveCard'"]
    errors = []
    if card.get("version") not in VERSIONS:
        errors.append(f"version must be one of {', '.join(VERSIONS)}")
    if "$schema" in card and not isinstance(card["$schema"], str):
        errors.append("$schema must be a string")
    body = card.get("body", [])
    if not isinstance(body, list):
        return [*errors, "body must be a list"]
    for index, element in enumerate(body):
        errors += _element_errors(element, f"/body/{index}")
    actions = card.get("actions", [])
    if not isinstance(actions, list):
        return [*errors, "actions must be a list"]
    for index, action in enumerate(actions):
        errors += _action_errors(action, f"/actions/{index}")
    return errors


def payload_errors(payload: Any) -> list[str]:
    """The Workflows envelope around the card, then the card."""
    if not isinstance(payload, dict) or payload.get("type") != "message":
        return ["the body must be a message"]
    attachments = payload.get("attachments")
    if not isinstance(attachments, list) or not attachments:
        return ["attachments must be a non-empty list"]
    first = attachments[0]
    if not isinstance(first, dict) or first.get("contentType") != CARD_TYPE:
        return [f"attachments[0].contentType must be {CARD_TYPE}"]
    return card_errors(first.get("content"))


@dataclass
class Scripted:
    """The answer to one coming request. body None: answer as usual (after `delay`)."""

    status: int = 202
    body: dict[str, Any] | str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def throttled(retry_after: int | str = 60) -> Scripted:
    body = {"error": {"code": "WorkflowRequestsThrottled", "message": "Rate limit is exceeded."}}
    return Scripted(429, body, {"Retry-After": str(retry_after)})


def server_error(status: int = 502) -> Scripted:
    return Scripted(status, {"error": {"code": "ServiceUnavailable", "message": "Try later."}})


def card_too_large() -> Scripted:
    """A 400 about one card, as Teams words it: the reason sits in the inner error's message."""
    inner = {
        "code": "1",
        "message": "MessageSizeExceeded-Message properties size exceeded. Actual message "
        "properties size: 28897 bytes, whereas max allowed size is 28672 bytes",
    }
    return Scripted(
        400, {"error": {"code": "BadRequest", "message": "InvalidParameter", "innerError": inner}}
    )


def schema_mismatch() -> Scripted:
    """A 400 about the flow: its trigger's schema matches nothing fundwatch sends."""
    message = (
        "The input body for trigger 'manual' of type 'Request' did not match its schema "
        "definition. Error details: 'Invalid type. Expected Object but got Array.'."
    )
    return Scripted(400, {"error": {"code": "TriggerInputSchemaMismatch", "message": message}})


def stall(seconds: float) -> Scripted:
    """Answer 202 only after `seconds` (past the client's timeout), without posting the card."""
    return Scripted(202, "", delay=seconds)


class TeamsStandIn:
    def __init__(self, flows: dict[str, str] | None = None, port: int = 0) -> None:
        self.flows = dict(flows) if flows is not None else {DEFAULT_PATH: "ok"}
        self.requests: list[dict[str, Any]] = []
        self.posts: list[dict[str, Any]] = []
        self._queue: deque[Scripted] = deque()
        self._refusals: list[tuple[Callable[[dict[str, Any]], bool], Scripted]] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread: threading.Thread | None = None

    def url(self, path: str = DEFAULT_PATH) -> str:
        """A webhook URL as Workflows gives it: the path, then the signed query (the secret)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}{SECRET_QUERY}"

    def __enter__(self) -> TeamsStandIn:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": STOP_POLL}, daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def script(self, *answers: Scripted) -> None:
        """Answer the next len(answers) requests with these, in order."""
        with self._lock:
            self._queue.extend(answers)

    def refuse(self, which: Callable[[dict[str, Any]], bool], answer: Scripted) -> None:
        """Answer every valid card `which(card)` picks with `answer` instead of posting it."""
        with self._lock:
            self._refusals.append((which, answer))

    def take(self, request: dict[str, Any]) -> Scripted | None:
        with self._lock:
            self.requests.append(request)
            return self._queue.popleft() if self._queue else None

    def answer(self, path: str, raw: bytes) -> tuple[int, dict[str, Any] | str]:
        """What the trigger says to a request nothing was scripted for."""
        state = self.flows.get(path, "deleted")
        if state in STATES:
            status, code = STATES[state]
            return status, {"error": {"code": code, "message": "The flow cannot be run."}}
        if len(raw) > MAX_BYTES:
            return 413, {"error": {"code": "MessageTooLarge", "message": "Request too large."}}
        try:
            payload = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            payload = None
        errors = payload_errors(payload)
        if errors:
            body = {"error": {"code": "InvalidRequestContent", "message": "; ".join(errors)}}
            return 400, body
        card = payload["attachments"][0]["content"]
        with self._lock:
            refused = next((answer for which, answer in self._refusals if which(card)), None)
            if refused is not None:
                return refused.status, refused.body if refused.body is not None else ""
            self.posts.append({"path": path, "card": card, "time": time.monotonic()})
        return 202, ""


def _handler(standin: TeamsStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "teams-standin/1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
            pass

        def _send(self, status: int, body: dict[str, Any] | str, headers: dict[str, str]) -> None:
            data = (json.dumps(body) if isinstance(body, dict) else body).encode("utf-8")
            try:
                self.send_response(status)
                if data:
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (its timeout)

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            path = self.path.split("?", 1)[0]
            try:
                body = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                body = None
            headers = {k.lower(): v for k, v in self.headers.items()}
            request = {"path": path, "headers": headers, "body": body, "raw": raw}
            scripted = standin.take({**request, "time": time.monotonic()})
            if scripted and scripted.delay:
                standin._stopping.wait(scripted.delay)
            if scripted and scripted.body is not None:
                self._send(scripted.status, scripted.body, scripted.headers)
                return
            status, answer = standin.answer(path, raw)
            self._send(status, answer, {})

    return Handler
