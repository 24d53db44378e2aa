"""Delivery: one engine (claim → send → mark, under an owner lease) and its two policies, instant
alerts and daily/weekly digests."""

from notifier.delivery.digest import DigestSummary, send_digests
from notifier.delivery.engine import DeliverySummary, default_outbox_dir
from notifier.delivery.instant import deliver_instant

__all__ = [
    "DeliverySummary",
    "DigestSummary",
    "default_outbox_dir",
    "deliver_instant",
    "send_digests",
]
