"""Several changes to one call told at once (notifier/change_merge.py): pure, no repository."""

from notifier.change_merge import merge_changes, told_as_new

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
