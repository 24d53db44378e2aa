"""Several changes to one call told at once (notifier/change_merge.py): pure, no repository."""

from notifier.alerts import Alert
from notifier.change_merge import fold, merge_changes, told_as_new
from tests.email_helpers import opportunity

JAN_12, JAN_19, JAN_26 = (
    "2027-01-12T23:59:00+00:00",
    "2027-01-19T23:59:00+00:00",
    "2027-01-26T23:59:00+00:00",
)


def test_two_steps_are_one_change_from_the_first_before_to_the_last_after():
    steps = [
        {"closes_at": (JAN_12, JAN_19)},
        {"closes_at": (JAN_19, JAN_26), "amount_max": (5e6, 6e6)},
    ]
    assert merge_changes(steps) == {"closes_at": (JAN_12, JAN_26), "amount_max": (5e6, 6e6)}


def test_a_field_moved_and_moved_back_is_no_change():
    steps = [{"closes_at": (JAN_12, JAN_19), "title": ("A", "B")}, {"closes_at": (JAN_19, JAN_12)}]
    assert merge_changes(steps) == {"title": ("A", "B")}
    assert merge_changes([]) == {}


def test_new_welcome_and_baseline_introduce_a_call():
    assert (
        told_as_new(["changed", "new"]) and told_as_new(["welcome"]) and told_as_new(["baseline"])
    )
    assert not told_as_new(["changed", "closing_soon", "closed"])


def alert(outbox_id: int, event: str, call: str = "heat", changes=None) -> Alert:
    return Alert(outbox_id, "team", event, opportunity(call, call.title()), changes or {})


def test_fold_keeps_one_alert_per_call_and_says_what_went_where():
    alerts = [
        alert(1, "changed", changes={"closes_at": (JAN_12, JAN_19)}),
        alert(2, "new", "pumps"),
        alert(3, "changed", "pumps", {"closes_at": (JAN_19, JAN_26)}),
        alert(4, "closing_soon"),
        alert(5, "changed", changes={"closes_at": (JAN_19, JAN_26)}),
        alert(6, "changed", "bus", {"title": ("A", "B")}),
    ]
    kept, folded = fold(alerts)
    assert [(a.outbox_id, a.event) for a in kept] == [(2, "new"), (4, "closing_soon"),
                                                      (5, "changed"), (6, "changed")]  # fmt: skip
    assert kept[2].changes == {"closes_at": (JAN_12, JAN_26)}
    assert folded == {2: [3], 5: [1]}


def test_fold_of_changes_that_cancel_out_sends_nothing_for_them():
    alerts = [
        alert(1, "changed", changes={"closes_at": (JAN_12, JAN_19)}),
        alert(2, "changed", changes={"closes_at": (JAN_19, JAN_12)}),
    ]
    assert fold(alerts) == ([], {0: [1, 2]})
