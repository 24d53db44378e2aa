"""Reading a channel back from the Slack stand-in (tests/slack_standin.py), as Slack answers
conversations.history and conversations.replies to a bot token: newest first, `oldest` and `limit`
honoured, a cursor to page on, metadata only when `include_all_metadata` asks for it, and
`missing_scope` for a token without the channel's history scope (as the bot fundwatch's README
asks for, chat:write alone, would get).

History holds a channel's messages and the replies also sent to it; replies holds a thread's
parent and its replies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.slack_standin import SlackStandIn

HISTORY_SCOPES = {"channels:history", "groups:history"}


def _message(post: dict[str, Any], metadata: bool) -> dict[str, Any]:
    message = {"type": "message", "text": post["text"], "ts": post["ts"], "bot_id": "B0FUNDWATCH"}
    if post["thread_ts"]:
        message["thread_ts"] = post["thread_ts"]
    if metadata and post.get("metadata"):
        message["metadata"] = post["metadata"]
    return message


def read_channel(
    standin: SlackStandIn, method: str, token: str | None, query: dict[str, Any], metadata: bool
) -> dict[str, Any]:
    """The answer to conversations.history or conversations.replies (`method`); `metadata`: the
    request's include_all_metadata."""
    if not token:
        return {"ok": False, "error": "not_authed"}
    if token != standin.token:
        return {"ok": False, "error": "invalid_auth"}
    if not HISTORY_SCOPES & standin.scopes:
        return {"ok": False, "error": "missing_scope", "needed": "channels:history"}
    channel = query.get("channel")
    if channel not in standin.channels or channel in standin.not_in_channel:
        return {"ok": False, "error": "channel_not_found"}
    posts = [p for p in standin.posts if p["via"] == "api" and p["channel"] == channel]
    if method == "conversations.replies":
        parent = query.get("ts")
        posts = [p for p in posts if parent in (p["ts"], p["thread_ts"])]
        if not posts:
            return {"ok": False, "error": "thread_not_found"}
    else:  # a reply shows in the channel only when it was also sent there
        posts = [p for p in posts if not p["thread_ts"] or p["reply_broadcast"]]
    oldest = float(query.get("oldest") or 0)
    posts = sorted((p for p in posts if float(p["ts"]) > oldest), key=lambda p: -float(p["ts"]))
    start = int(query.get("cursor") or 0)
    limit = min(int(query.get("limit") or 100), 999)
    page = posts[start : start + limit]
    more = start + limit < len(posts)
    return {
        "ok": True,
        "messages": [_message(p, metadata) for p in page],
        "has_more": more,
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }
