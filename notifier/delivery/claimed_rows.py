"""A target's claimed rows on their way out (sending.py claims them): their alerts built and
folded, sent a deliver call at a time, and every row marked from what the channel said, whatever
happens: sent (with what went where, storage/channel_posts.py), failed or to retry, handed back on
a stop, or failed as interrupted on an error of our own.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from notifier.alerts import Alert, DeliveryResult, build_alerts
from notifier.change_merge import fold
from notifier.channels import scrub, secrets_in
from spiders.error_words import error_text
from storage.channel_posts import remember_posts
from storage.fund_history import alerted, fund_rounds
from storage.outbox import mark_failed, mark_sent, release, start_sending
from storage.outbox_queries import alert_data
from storage.transactions import write_transaction

if TYPE_CHECKING:
    from notifier.delivery.sending import Sender, Split

log = logging.getLogger("fundwatch.delivery")

NO_NET_CHANGE = "not posted: changed and changed back before it was sent"


class ClaimedRows:
    """Claimed rows of one target on their way out: every one is marked, whatever happens."""

    def __init__(self, run: Sender, subscription, channel_name, channel, cadence) -> None:
        self.run, self.subscription, self.name = run, subscription, channel_name
        self.channel, self.cadence = channel, cadence
        self.secrets = secrets_in(run.env, subscription)
        self.handled: set[int] = set()
        self.sent = 0
        # Instant alerts folded into another of the same call (notifier/change_merge.py): kept
        # alert's id → the folded rows, marked as it is; the folded alerts by id.
        self.folded: dict[int, list[int]] = {}
        self.originals: dict[int, Alert] = {}

    def send(self, rows: list[dict[str, Any]], split: Split) -> int:
        """Send and mark every claimed row; how many were sent."""
        run = self.run
        try:
            opportunities, events = alert_data(run.db, rows)
            funds = [o.get("fund_key") for o in opportunities.values()]
            rounds = fund_rounds(run.db, funds)  # a recurring fund's earlier rounds
            recurring = [key for key, found in rounds.items() if len(found) > 1]
            told = alerted(run.db, self.subscription.id, recurring)
            alerts = build_alerts(
                rows, opportunities, events, run.labels, rounds, told, self.subscription.near
            )
            missing = [r["id"] for r in rows if r["id"] not in {a.outbox_id for a in alerts}]
            if missing:
                reason = "opportunity no longer in the repository"
                self._fail(missing, reason, permanent=True)
            alerts = self._fold(alerts)
            groups = split(alerts)
            for index, group in enumerate(groups):
                if run.stopping():
                    later = self._with_folded([a.outbox_id for g in groups[index:] for a in g])
                    run.give_back(later)
                    self.handled.update(later)
                    break
                halt = self._send_group(group)
                if halt is not None:
                    self._halt([a for g in groups[index + 1 :] for a in g], halt)
                    break
        finally:
            leftover = [r["id"] for r in rows if r["id"] not in self.handled]
            if leftover:  # an error in our own code: the rows go back for another try
                self._fail(leftover, "interrupted by an internal error", permanent=False)
        return self.sent

    def _fold(self, alerts: list[Alert]) -> list[Alert]:
        """A call changed twice, or found and changed, since the last send: one alert (one digest
        entry), saying how it moved since its reader last heard. Rows whose changes cancel out are
        marked sent with a note, and not counted as sent: a digest of nothing is no digest."""
        self.originals = {a.outbox_id: a for a in alerts}
        kept, self.folded = fold(alerts)
        silent = self.folded.pop(0, [])
        if silent:
            run = self.run
            mark_sent(run.db, silent, run.now, owner=run.owner, note=NO_NET_CHANGE)
            self.handled.update(silent)
        return kept

    def _with_folded(self, ids: list[int]) -> list[int]:
        return ids + [f for i in ids for f in self.folded.get(i, ())]

    def _send_group(self, group: list[Alert]) -> DeliveryResult | None:
        """Send one deliver call's alerts (those still ours); the result that halts the rest. The
        rows folded into an alert are marked with it."""
        ids = self._with_folded([a.outbox_id for a in group])
        held = start_sending(self.run.db, ids, self.run.owner)
        self.handled.update(i for i in ids if i not in held)
        mine = [a for a in group if a.outbox_id in held]
        if not mine:
            return None
        results = self._call(mine)
        by_id = {r.outbox_id: r for r in results}
        also = [
            (self.originals[i], replace(by_id[a.outbox_id], outbox_id=i))
            for a in mine
            if a.outbox_id in by_id
            for i in self.folded.get(a.outbox_id, ())
            if i in held
        ]
        self._record(mine + [a for a, _ in also], [*results, *(r for _, r in also)])
        return next((r for r in results if r.halts), None)

    def _call(self, alerts: list[Alert]) -> list[DeliveryResult]:
        """One deliver call; an exception from the channel becomes a transient failure of each."""
        try:
            results = self.channel.deliver(
                self.subscription,
                list(alerts),
                self.run.now,
                cadence=self.cadence,
                coverage=self.run.coverage,
            )
        except Exception as exc:  # noqa: BLE001 - a channel bug must not strand claimed rows
            error = scrub(error_text(exc), self.secrets)
            log.warning("%s delivery for %s failed: %s", self.name, self.subscription.id, error)
            return [DeliveryResult(a.outbox_id, ok=False, error=error) for a in alerts]
        return list(results or [])

    def _record(self, alerts: list[Alert], results: Sequence[DeliveryResult]) -> None:
        """Mark each alert's row from its result; an alert the channel said nothing about is retried."""
        run, summary = self.run, self.run.summary
        by_id = {r.outbox_id: r for r in results}
        sent: dict[str | None, list[int]] = {}  # by what the channel said beside (some refused)
        failures: dict[tuple[str, bool, float | None, bool, int | None], list[int]] = {}
        for alert in alerts:
            result = by_id.get(alert.outbox_id) or DeliveryResult(
                alert.outbox_id,
                ok=False,
                error=f"{self.name} channel reported nothing for this alert",
            )
            if result.ok:
                said = scrub(result.error, self.secrets) if result.error else None
                sent.setdefault(said, []).append(alert.outbox_id)
                continue
            error = scrub(result.error or "unknown error", self.secrets)
            key = (
                error,
                result.permanent,
                result.retry_after,
                result.untried,
                result.give_up_after,
            )
            failures.setdefault(key, []).append(alert.outbox_id)
        # What went where, in the unit that marks its rows: a run killed after it leaves the
        # post known to the next (storage/channel_posts.py), before it leaves the rows in flight.
        posts = [r.posted for r in results if r.ok and r.posted]
        with write_transaction(run.db):
            for said, ids in sent.items():
                # Sent, with what else happened kept ("some recipients refused: …, 554 …").
                marked = mark_sent(run.db, ids, run.now, owner=run.owner, note=said)
                self.sent += marked
                summary.count(self.name, "sent", marked)
                self.handled.update(ids)
                if said:
                    summary.note(f"{self.name}: {said}")
            remember_posts(run.db, posts, run.now)
        summary.count_messages(results)
        for (error, permanent, retry_after, untried, give_up_after), ids in failures.items():
            self._fail(
                ids,
                error,
                permanent=permanent,
                retry_after=retry_after,
                untried=untried,
                give_up_after=give_up_after,
            )
            if untried:  # one line however many: "slack: 49 alert(s) not tried: …"
                summary.not_tried(self.name, error, len(ids))
            else:
                summary.note(f"{self.name}: not sent: {error}")

    def _fail(self, ids: list[int], error: str, *, permanent: bool, **how: Any) -> None:
        """Mark these rows failed; `how`: mark_failed's retry_after, untried, give_up_after."""
        run = self.run
        outcome = mark_failed(
            run.db,
            ids,
            error,
            run.now,
            permanent=permanent,
            owner=run.owner,
            **how,
        )
        run.summary.count(self.name, "failed", outcome["failed"])
        run.summary.count(self.name, "retrying", outcome["retrying"])
        self.handled.update(ids)

    def _halt(self, later: list[Alert], halt: DeliveryResult) -> None:
        """Same channel, same answer (as the Slack channel does within one call): don't hammer a
        rate limit or a channel that is gone."""
        later = later + [self.originals[f] for a in later for f in self.folded.get(a.outbox_id, ())]
        if not later:
            return
        run, ids = self.run, [a.outbox_id for a in later]
        if halt.retry_after:
            not_before = run.now + timedelta(seconds=halt.retry_after)
            released = release(run.db, ids, not_before, owner=run.owner)
            run.summary.count(self.name, "retrying", released)
            self.handled.update(ids)
        else:
            same = [DeliveryResult(i, ok=False, error=halt.error, permanent=True) for i in ids]
            self._record(later, same)
